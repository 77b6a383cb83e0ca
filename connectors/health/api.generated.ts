// Generated from openapi.yaml by scripts/codegen-openapi.ts; do not edit.
export interface paths {
    "/birth-certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** 按父亲或母亲身份证号查询出生医学证明 */
        get: operations["listBirthCertificatesByParent"];
        put?: never;
        post?: never;
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
        /** @description 查询成功响应 */
        BirthCertificateListResponse: {
            /**
             * @description 状态码，与 HTTP 状态码一致
             * @constant
             */
            status: 200;
            /** @description 提示信息 */
            message: string;
            /** @description 匹配的出生医学证明；同一证明在父亲、母亲两种身份下都匹配时出现两行 */
            data: components["schemas"]["BirthCertificateItem"][];
        };
        /** @description 一份出生医学证明（按一种匹配身份） */
        BirthCertificateItem: {
            /** @description 出生医学证明编号 */
            cszmbh: string;
            /** @description 新生儿姓名 */
            xsexm: string;
            /** @description 出生日期，YYYYMMDD */
            csrq: string;
            /** @description 父亲姓名；未登记为 null */
            fqxm: string | null;
            /** @description 父亲有效身份证件号码；未登记为 null */
            fqsfzh: string | null;
            /** @description 母亲姓名；未登记为 null */
            mqxm: string | null;
            /** @description 母亲有效身份证件号码；未登记为 null */
            mqsfzh: string | null;
            /**
             * @description 本行的匹配身份：1 被查询人为父亲，2 被查询人为母亲
             * @enum {string}
             */
            ppjs: "1" | "2";
        };
        /** @description 本部门服务的错误响应 */
        ErrorEnvelope: {
            /** @description 状态码，与 HTTP 状态码一致 */
            status: number;
            /** @description 错误说明（不含被查询人信息） */
            message: string;
            /** @description 恒为 null */
            data: null;
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
    listBirthCertificatesByParent: {
        parameters: {
            query: {
                /** @description 父亲或母亲的居民身份证号码（18 位） */
                parentIdNumber: components["schemas"]["Sfzh"];
            };
            header: {
                /** @description 请求发出时间，自 1970-01-01 起的毫秒数，参与签名 */
                "X-Timestamp": components["parameters"]["Timestamp"];
                /** @description 一次性随机串（十六进制），参与签名 */
                "X-Nonce": components["parameters"]["Nonce"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description 查询成功（无记录时 data 为空数组） */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BirthCertificateListResponse"];
                };
            };
            /** @description 缺少 parentIdNumber 或其格式错误 */
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
