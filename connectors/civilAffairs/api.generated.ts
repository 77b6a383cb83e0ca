// Generated from openapi.yaml by scripts/codegen-openapi.ts; do not edit.
export interface paths {
    "/marriage/batch-query": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 按身份证号批量查询婚姻登记记录 */
        post: operations["batchQueryMarriages"];
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
        Zjhm: string;
        /** @description 批量查询请求 */
        MarriageBatchQueryRequest: {
            /** @description 证件号码列表，1 至 50 个 */
            zjhmList: components["schemas"]["Zjhm"][];
        };
        /** @description 批量查询成功响应 */
        MarriageBatchQueryResponse: {
            /**
             * @description 是否成功
             * @constant
             */
            success: true;
            /**
             * @description 业务状态码，"0000" 表示成功
             * @constant
             */
            code: "0000";
            /** @description 提示信息 */
            message: string;
            /** @description 每个被查询证件号码一项 */
            result: components["schemas"]["MarriageQueryResult"][];
        };
        /** @description 一个被查询证件号码的查询结果 */
        MarriageQueryResult: {
            queryZjhm: components["schemas"]["Zjhm"];
            /** @description 该证件号码为男方或女方的全部婚姻登记记录；无记录为空数组 */
            records: components["schemas"]["MarriageRecord"][];
        };
        /** @description 一条婚姻登记记录 */
        MarriageRecord: {
            /** @description 男方证件号码 */
            nfzjhm: string;
            /** @description 男方姓名 */
            nfxm: string;
            /** @description 女方证件号码 */
            nvzjhm: string;
            /** @description 女方姓名 */
            nvxm: string;
            /** @description 登记日期，格式 YYYY/MM/DD；未知为空字符串 */
            djrq: string;
            /**
             * @description 婚姻状态：结婚、离婚、撤销（撤销婚姻登记）
             * @enum {string}
             */
            hyzt: "结婚" | "离婚" | "撤销";
        };
        /** @description 本部门服务的错误响应 */
        ErrorEnvelope: {
            /**
             * @description 恒为 false
             * @constant
             */
            success: false;
            /** @description 错误码，如 E0400 参数错误 */
            code: string;
            /** @description 错误说明（不含被查询人信息） */
            message: string;
        };
        /** @description 共享交换平台网关的错误响应（验签、限流、服务不可用） */
        PlatformError: {
            /** @description 错误类别，如 signature、unavailable */
            error: string;
            /** @description 验签失败原因：missing、unknown_app、stale、bad_signature */
            reason?: string;
        };
    };
    responses: never;
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
    batchQueryMarriages: {
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
                "application/json": components["schemas"]["MarriageBatchQueryRequest"];
            };
        };
        responses: {
            /** @description 查询成功（无记录的证件号码返回空 records） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarriageBatchQueryResponse"];
                };
            };
            /** @description 请求参数错误（非 JSON、缺少 zjhmList、证件号码格式错误、超过 50 个） */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description 验签失败（缺少签名头、未知应用、时间戳超出 5 分钟、签名不符） */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformError"];
                };
            };
            /** @description 共享交换平台网关限流 */
            429: {
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
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformError"];
                };
            };
        };
    };
}
