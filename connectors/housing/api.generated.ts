// Generated from openapi.yaml by scripts/codegen-openapi.ts; do not edit.
export interface paths {
    "/open/v2/sale_contracts/query": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 网签买卖合同批量查询
         * @description 按证件号码查询其作为买受人或共有人的网签买卖合同。
         */
        post: operations["querySaleContracts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open/v2/lease_filings/query": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 租赁登记备案批量查询
         * @description 按证件号码查询其作为承租人的房屋租赁登记备案。
         */
        post: operations["queryLeaseFilings"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/open/v2/affordable_housing/query": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 保障性住房合同批量查询
         * @description 按证件号码查询其作为家庭成员（含主申请人）的保障性住房合同。
         */
        post: operations["queryAffordableHousing"];
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
        CertNo: string;
        /** @description 文本；无值时为 null */
        NullableText: string | null;
        /**
         * Format: date
         * @description 日期 YYYY-MM-DD；无值时为 null
         */
        NullableDate: string | null;
        /** @description 房屋坐落区划代码（县级，6 位） */
        RegionCode: string;
        /**
         * @description 共有方式：单独所有、共同共有、按份共有；未登记时为 null
         * @enum {string|null}
         */
        OwnershipMode: "单独所有" | "共同共有" | "按份共有" | null;
        /** @description 按证件号码批量查询 */
        CertBatchQuery: {
            /**
             * @description 证件类型代码，111 居民身份证
             * @enum {string}
             */
            cert_type: "111";
            /** @description 证件号码，至少 1 个 */
            cert_nos: components["schemas"]["CertNo"][];
        };
        /** @description 共有人 */
        CoOwner: {
            /** @description 共有人姓名 */
            name: string;
            /** @description 共有人证件号码 */
            cert_no: string | null;
            /** @description 共有份额，按合同原文（如 1/2、50%）；共同共有时为 null */
            share: string | null;
        };
        /** @description 网签买卖合同 */
        SaleContract: {
            /** @description 网签合同编号（购房合同号） */
            contract_no: string;
            /** @description 买受人（购房人）姓名 */
            buyer_name: string;
            /** @description 买受人证件号码 */
            buyer_cert_no: string;
            ownership_mode: components["schemas"]["OwnershipMode"];
            /** @description 共有人及份额（不含买受人本人时为其他共有人） */
            co_owners: components["schemas"]["CoOwner"][];
            /**
             * Format: date-time
             * @description 网签（交易）时间，ISO 8601 带时区，如 2021-06-01T10:15:00+08:00
             */
            sign_time: string | null;
            /** @description 约定交付日期 YYYY-MM-DD */
            delivery_date: components["schemas"]["NullableDate"];
            house_region_code: components["schemas"]["RegionCode"];
            /** @description 房屋坐落地址 */
            house_address: components["schemas"]["NullableText"];
            /** @description 规划用途/设计用途（如 住宅） */
            planned_use: components["schemas"]["NullableText"];
        } & {
            [key: string]: unknown;
        };
        /** @description 房屋租赁登记备案 */
        LeaseFiling: {
            /** @description 租赁登记备案证明编号 */
            filing_cert_no: string;
            /** @description 出租人名称 */
            lessor_name: components["schemas"]["NullableText"];
            /** @description 出租人证件号码 */
            lessor_cert_no: components["schemas"]["NullableText"];
            /** @description 承租人姓名 */
            lessee_name: string;
            /** @description 承租人证件号码 */
            lessee_cert_no: string;
            house_region_code: components["schemas"]["RegionCode"];
            /** @description 房屋坐落 */
            house_address: components["schemas"]["NullableText"];
            /** @description 房屋产权证号码 */
            property_cert_no: components["schemas"]["NullableText"];
            /** @description 租赁起始日期 */
            lease_start: components["schemas"]["NullableDate"];
            /** @description 租赁截止日期 */
            lease_end: components["schemas"]["NullableDate"];
        } & {
            [key: string]: unknown;
        };
        /** @description 保障家庭成员 */
        AffordableHousingMember: {
            /** @description 与主申请人关系（如 本人、配偶、子女） */
            relation: components["schemas"]["NullableText"];
            /** @description 成员姓名 */
            name: string;
            /** @description 成员证件号码 */
            cert_no: string;
        };
        /** @description 保障性住房合同 */
        AffordableHousingContract: {
            /** @description 申购（申请）证号 */
            apply_cert_no: components["schemas"]["NullableText"];
            /** @description 房屋地址区划代码（县级，6 位） */
            region_code: string;
            /** @description 房屋地址 */
            house_address: components["schemas"]["NullableText"];
            /** @description 家庭成员（含主申请人） */
            members: components["schemas"]["AffordableHousingMember"][];
            /** @description 合同状态（如 履约中、已终止） */
            contract_status: components["schemas"]["NullableText"];
            /** @description 资格审核状态（如 审核通过） */
            audit_status: components["schemas"]["NullableText"];
            /** @description 保障情况（如 公租房实物配租、租赁补贴） */
            subsidy_type: components["schemas"]["NullableText"];
            /** @description 合同开始日期 */
            start_date: components["schemas"]["NullableDate"];
            /** @description 合同终止日期 */
            end_date: components["schemas"]["NullableDate"];
        } & {
            [key: string]: unknown;
        };
        /** @description 一个证件号码的网签合同 */
        SaleContractResult: {
            cert_no: components["schemas"]["CertNo"];
            /** @description 该号码作为买受人或共有人的合同 */
            records: components["schemas"]["SaleContract"][];
        };
        /** @description 一个证件号码的租赁备案 */
        LeaseFilingResult: {
            cert_no: components["schemas"]["CertNo"];
            /** @description 该号码作为承租人的备案 */
            records: components["schemas"]["LeaseFiling"][];
        };
        /** @description 一个证件号码的保障房合同 */
        AffordableHousingResult: {
            cert_no: components["schemas"]["CertNo"];
            /** @description 该号码作为家庭成员的合同 */
            records: components["schemas"]["AffordableHousingContract"][];
        };
        /** @description 网签合同查询应答 */
        SaleContractQueryResponse: {
            /** @description 应答代码，0 成功 */
            ret_code: number;
            /** @description 应答说明 */
            ret_msg: string;
            /** @description 应答数据 */
            data: {
                /** @description 按请求的证件号码逐个给出 */
                results: components["schemas"]["SaleContractResult"][];
            };
        };
        /** @description 租赁备案查询应答 */
        LeaseFilingQueryResponse: {
            /** @description 应答代码，0 成功 */
            ret_code: number;
            /** @description 应答说明 */
            ret_msg: string;
            /** @description 应答数据 */
            data: {
                /** @description 按请求的证件号码逐个给出 */
                results: components["schemas"]["LeaseFilingResult"][];
            };
        };
        /** @description 保障房合同查询应答 */
        AffordableHousingQueryResponse: {
            /** @description 应答代码，0 成功 */
            ret_code: number;
            /** @description 应答说明 */
            ret_msg: string;
            /** @description 应答数据 */
            data: {
                /** @description 按请求的证件号码逐个给出 */
                results: components["schemas"]["AffordableHousingResult"][];
            };
        };
        /** @description 参数错误应答 */
        ErrorResponse: {
            /** @description 错误代码，如 40001 参数不合法 */
            ret_code: number;
            /** @description 错误说明 */
            ret_msg: string;
            /** @description 恒为 null */
            data: null;
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
        /** @description 请求参数不合法 */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorResponse"];
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
    querySaleContracts: {
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
                "application/json": components["schemas"]["CertBatchQuery"];
            };
        };
        responses: {
            /** @description 查询成功 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SaleContractQueryResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    queryLeaseFilings: {
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
                "application/json": components["schemas"]["CertBatchQuery"];
            };
        };
        responses: {
            /** @description 查询成功 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeaseFilingQueryResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    queryAffordableHousing: {
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
                "application/json": components["schemas"]["CertBatchQuery"];
            };
        };
        responses: {
            /** @description 查询成功 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AffordableHousingQueryResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
}
