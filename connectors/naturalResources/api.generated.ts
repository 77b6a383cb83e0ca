// Generated from openapi.yaml by scripts/codegen-openapi.ts; do not edit.
export interface paths {
    "/api/bdc/query": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 不动产权证书分页查询
         * @description 按证件号码查询其作为权利人或共有人的不动产权证书；结果按页返回，每页至多 50 条。
         */
        post: operations["bdcQuery"];
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
        /** @description 居民身份证号码（18 位） */
        Zjh: string;
        /** @description 不动产权证书查询条件 */
        BdcQueryRequest: {
            /** @description 权利人或共有人的证件号码（至少 1 个） */
            idNumbers: components["schemas"]["Zjh"][];
            /** @description 页码，从 1 开始 */
            pageNo: number;
            /** @description 每页条数，1 至 50 */
            pageSize: number;
        };
        /** @description 共有人 */
        Gyr: {
            /** @description 共有人名称 */
            gyrmc: string;
            /** @description 共有人证件号码（缺省表示未登记） */
            gyrzjh?: string;
            /** @description 共有份额，按登记原文（如 1/2、50%）；共同共有时缺省 */
            fe?: string;
        };
        /** @description 不动产权证书（房屋）登记信息；系统今后可能增加字段 */
        BdcRecord: {
            /** @description 不动产权证书号，如 鲁(2021)济宁市不动产权第0012345号 */
            bdcqzh: string;
            /** @description 权利人名称 */
            qlrmc: string;
            /** @description 权利人证件号码 */
            qlrzjh: string;
            /** @description 权利类型（如 国有建设用地使用权/房屋所有权） */
            qllx?: string;
            /** @description 权利性质（如 出让/市场化商品房） */
            qlxz?: string;
            /** @description 登记时间，格式 YYYY-MM-DD HH:mm:ss */
            djsj?: string;
            /** @description 坐落区划代码（县级，6 位） */
            zlqh: string;
            /** @description 坐落（房屋地址） */
            zl?: string;
            /** @description 用途（如 住宅、商业、办公） */
            yt?: string;
            /** @description 权属状态（如 正常、抵押、查封、注销） */
            zt?: string;
            /**
             * @description 共有方式；缺省表示未登记共有情况
             * @enum {string}
             */
            gyfs?: "单独所有" | "共同共有" | "按份共有";
            /** @description 共有情况（共有人列表）；有 gyfs 时返回 */
            gyqk?: components["schemas"]["Gyr"][];
            /** @description 本次请求的证件号码中，作为权利人或共有人出现在本证书上的号码 */
            matchedIdNumbers: components["schemas"]["Zjh"][];
        } & {
            [key: string]: unknown;
        };
        /** @description 一页查询结果 */
        BdcQueryPage: {
            /** @description 匹配的证书总数（所有页） */
            total: number;
            /** @description 本页页码 */
            pageNo: number;
            /** @description 每页条数 */
            pageSize: number;
            /** @description 本页的证书，至多 pageSize 条 */
            list: components["schemas"]["BdcRecord"][];
        };
        /** @description 参数错误应答 */
        BdcError: {
            /**
             * @description 恒为 false
             * @constant
             */
            success: false;
            /** @description 错误代码，如 PARAM_INVALID */
            errCode: string;
            /** @description 错误说明 */
            errMsg: string;
        };
        /** @description 签名校验失败 */
        SignatureRejected: {
            /**
             * @description 固定为 signature
             * @constant
             */
            error: "signature";
            /**
             * @description 失败原因：缺少签名头、应用未知、时间戳过期、签名不符
             * @enum {string}
             */
            reason: "missing" | "unknown_app" | "stale" | "bad_signature";
        };
        /** @description 服务暂不可用或限流 */
        ServiceFault: {
            /** @description 错误类别 */
            error: string;
        } & {
            [key: string]: unknown;
        };
    };
    responses: {
        /** @description 请求参数不合法（如 pageSize 超过 50） */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["BdcError"];
            };
        };
        /** @description 签名校验失败 */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["SignatureRejected"];
            };
        };
        /** @description 调用过于频繁；按 Retry-After（秒）等待后重试 */
        TooManyRequests: {
            headers: {
                /** @description 建议等待的秒数 */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ServiceFault"];
            };
        };
        /** @description 服务暂不可用；可稍后重试 */
        Unavailable: {
            headers: {
                /** @description 建议等待的秒数（可缺省） */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ServiceFault"];
            };
        };
    };
    parameters: {
        /** @description 请求时间（毫秒时间戳）；误差超过 5 分钟的请求被拒绝。 */
        XTimestamp: string;
        /** @description 每个请求唯一的随机十六进制串，参与签名。 */
        XNonce: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    bdcQuery: {
        parameters: {
            query?: never;
            header: {
                /** @description 请求时间（毫秒时间戳）；误差超过 5 分钟的请求被拒绝。 */
                "X-Timestamp": components["parameters"]["XTimestamp"];
                /** @description 每个请求唯一的随机十六进制串，参与签名。 */
                "X-Nonce": components["parameters"]["XNonce"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BdcQueryRequest"];
            };
        };
        responses: {
            /** @description 查询成功（可为空页） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BdcQueryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
}
