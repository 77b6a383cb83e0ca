// Generated from openapi.yaml by scripts/codegen-openapi.ts; do not edit.
export interface paths {
    "/si/v2/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** 按公民身份号码批量查询参保缴费明细（分页） */
        post: operations["queryPayments"];
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
        /** @description aac002 公民身份号码（18 位，末位校验码可为 X） */
        Aac002: string;
        /** @description 参保缴费明细查询请求 */
        PaymentQueryRequest: {
            /** @description 公民身份号码列表，1 至 100 个 */
            aac002List: components["schemas"]["Aac002"][];
            /**
             * @description 页码，自 1 起，默认 1
             * @default 1
             */
            pageNum: number;
            /**
             * @description 每页条数，1 至 500，默认 100
             * @default 100
             */
            pageSize: number;
        };
        /** @description 查询成功响应 */
        PaymentQueryResponse: {
            /**
             * @description 业务状态码，"0" 表示成功
             * @constant
             */
            code: "0";
            /** @description 提示信息 */
            msg: string;
            data: components["schemas"]["PaymentPage"];
        };
        /** @description 一页缴费明细 */
        PaymentPage: {
            /** @description 全部页的明细总条数 */
            total: number;
            /** @description 本页页码 */
            pageNum: number;
            /** @description 每页条数 */
            pageSize: number;
            /** @description 本页明细，按 aac002（请求顺序）、aae002 降序、aae140 升序排列 */
            list: components["schemas"]["PaymentRow"][];
        };
        /** @description 一人、一月、一个险种的一条缴费明细 */
        PaymentRow: {
            aac002: components["schemas"]["Aac002"];
            /** @description aac003 姓名 */
            aac003: string;
            /** @description aab004 参保单位名称；灵活就业等无单位时为空字符串 */
            aab004: string;
            /** @description aae002 费款所属期，YYYYMM */
            aae002: string;
            /**
             * @description aae140 险种类型代码（见接口说明）
             * @enum {string}
             */
            aae140: "110" | "120" | "170" | "210" | "310" | "390" | "410" | "510";
            /** @description aab301 参保单位所属行政区划代码（6 位）；未知为空字符串 */
            aab301: string;
        };
        /** @description 本部门服务的错误响应（参数错误、限流） */
        ErrorEnvelope: {
            /** @description 错误码，如 INVALID_PARAM、RATE_LIMITED */
            code: string;
            /** @description 错误说明（不含被查询人信息） */
            msg: string;
        };
        /** @description 共享交换平台网关的错误响应（验签、服务不可用） */
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
    queryPayments: {
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
                "application/json": components["schemas"]["PaymentQueryRequest"];
            };
        };
        responses: {
            /** @description 查询成功 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentQueryResponse"];
                };
            };
            /** @description 请求参数错误（非 JSON、缺少 aac002List、号码格式错误、超过 100 个、分页参数越界） */
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
            /** @description 请求过于频繁 */
            429: {
                headers: {
                    /** @description 需等待的秒数 */
                    "Retry-After": number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
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
