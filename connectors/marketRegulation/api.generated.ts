// Generated from openapi.yaml by scripts/codegen-openapi.ts; do not edit.
export interface paths {
    "/gsxx/gtgsh/query": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 按经营者身份证号批量查询个体工商户营业执照 */
        post: operations["queryIndividualBusinesses"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gsxx/qyfr/query": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 按法定代表人身份证号批量查询企业营业执照 */
        post: operations["queryEnterprisesByLegalRepresentative"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description 居民身份证号码（18 位，末位校验码可为 X） */
        Sfzh: string;
        /** @description 统一社会信用代码（18 位，GB 32100-2015） */
        Tyshxydm: string;
        /** @description 6 位行政区划代码 */
        Xzqh: string;
        /** @description 个体工商户查询请求 */
        GtgshQueryRequest: {
            /** @description 经营者身份证号列表，1 至 100 个 */
            jyzsfzhList: components["schemas"]["Sfzh"][];
        };
        /** @description 个体工商户查询成功响应 */
        GtgshQueryResponse: {
            /**
             * @description 错误码，0 表示成功
             * @constant
             */
            errcode: 0;
            /**
             * @description 错误信息，成功时为 ok
             * @constant
             */
            errmsg: "ok";
            /** @description 匹配的个体工商户，每项标明匹配的查询号码 */
            items: components["schemas"]["GtgshItem"][];
        };
        /** @description 一户个体工商户的营业执照登记信息 */
        GtgshItem: {
            /** @description 本项匹配的查询身份证号 */
            cxsfzh: components["schemas"]["Sfzh"];
            tyshxydm: components["schemas"]["Tyshxydm"];
            /** @description 经营者姓名 */
            jyzxm: string;
            /** @description 经营者身份证号 */
            jyzsfzh: string;
            /**
             * Format: int64
             * @description 成立日期：北京时间（UTC+8）当日零点的 Unix 毫秒时间戳；未知为 null
             */
            clrq: number | null;
            /** @description 经营场所；未知为空字符串 */
            jycs: string;
            /** @description 经营场所所在地行政区划代码 */
            jydqh: components["schemas"]["Xzqh"];
        };
        /** @description 企业（按法定代表人）查询请求 */
        QyfrQueryRequest: {
            /** @description 法定代表人身份证号列表，1 至 100 个 */
            fddbrsfzhList: components["schemas"]["Sfzh"][];
        };
        /** @description 企业查询成功响应 */
        QyfrQueryResponse: {
            /**
             * @description 错误码，0 表示成功
             * @constant
             */
            errcode: 0;
            /**
             * @description 错误信息，成功时为 ok
             * @constant
             */
            errmsg: "ok";
            /** @description 匹配的企业，每项标明匹配的查询号码 */
            items: components["schemas"]["QyfrItem"][];
        };
        /** @description 一家企业的营业执照登记信息（按法定代表人匹配） */
        QyfrItem: {
            /** @description 本项匹配的查询身份证号 */
            cxsfzh: components["schemas"]["Sfzh"];
            /** @description 企业名称 */
            qymc: string;
            tyshxydm: components["schemas"]["Tyshxydm"];
            /** @description 营业执照名称（照面名称）；未知为空字符串 */
            zzmc: string;
            /** @description 法定代表人姓名 */
            fddbr: string;
            /** @description 法定代表人身份证号 */
            fddbrsfzh: string;
            /** @description 注册日期，"YYYY年MM月DD日"；未知为空字符串 */
            zcrq: string;
            /** @description 注册地址（住所）；未知为空字符串 */
            zcdz: string;
            /** @description 登记机关所在地行政区划代码（注册地区划） */
            djjgqh: components["schemas"]["Xzqh"];
        };
        /** @description 本部门服务的错误响应 */
        ErrorEnvelope: {
            /** @description 错误码，如 40001 参数错误 */
            errcode: number;
            /** @description 错误说明（不含被查询人信息） */
            errmsg: string;
        };
        /** @description 共享交换平台网关的错误响应（验签、限流、服务不可用） */
        PlatformError: {
            /** @description 错误类别，如 signature、unavailable */
            error: string;
            /** @description 验签失败原因：missing、unknown_app、stale、bad_signature */
            reason?: string;
        };
    };
    responses: {
        /** @description 请求参数错误（非 JSON、缺少号码列表、号码格式错误、超过 100 个） */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description 验签失败（缺少签名头、未知应用、时间戳超出 5 分钟、签名不符） */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["PlatformError"];
            };
        };
        /** @description 共享交换平台网关限流 */
        TooManyRequests: {
            headers: {
                /** @description 建议的重试等待秒数 */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["PlatformError"];
            };
        };
        /** @description 部门服务不可用 */
        Unavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["PlatformError"];
            };
        };
    };
    parameters: {
        /** @description 请求发出时间，自 1970-01-01 起的毫秒数，参与签名 */
        Timestamp: string;
        /** @description 一次性随机串（十六进制），参与签名 */
        Nonce: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    queryIndividualBusinesses: {
        parameters: {
            query?: never;
            header: {
                /** @description 请求发出时间，自 1970-01-01 起的毫秒数，参与签名 */
                "X-Timestamp": components["parameters"]["Timestamp"];
                /** @description 一次性随机串（十六进制），参与签名 */
                "X-Nonce": components["parameters"]["Nonce"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GtgshQueryRequest"];
            };
        };
        responses: {
            /** @description 查询成功 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GtgshQueryResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    queryEnterprisesByLegalRepresentative: {
        parameters: {
            query?: never;
            header: {
                /** @description 请求发出时间，自 1970-01-01 起的毫秒数，参与签名 */
                "X-Timestamp": components["parameters"]["Timestamp"];
                /** @description 一次性随机串（十六进制），参与签名 */
                "X-Nonce": components["parameters"]["Nonce"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QyfrQueryRequest"];
            };
        };
        responses: {
            /** @description 查询成功 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QyfrQueryResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
}
