// Generated from openapi.yaml by scripts/codegen-openapi.ts; do not edit.
export interface paths {
    "/v1/hjxx/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 户籍信息批量核查
         * @description 按公民身份号码批量查询常住人口户籍登记信息（每人至多一条）。每次最多 20 个号码。
         */
        post: operations["hjxxBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jzz/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 居住证信息批量核查
         * @description 按公民身份号码批量查询居住证信息（一人可有多张历史居住证）。每次最多 20 个号码。
         */
        post: operations["jzzBatch"];
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
        /** @description 公民身份号码（GB 11643-1999，18 位，末位可为 X） */
        Sfzh: string;
        /** @description 日期，格式 YYYYMMDD；无值时为空串 */
        Rq8: string;
        /**
         * @description 性别代码（GB/T 2261.1）：0 未知的性别，1 男，2 女，9 未说明的性别；无值时为空串
         * @enum {string}
         */
        Xbdm: "" | "0" | "1" | "2" | "9";
        /** @description 批量核查请求 */
        SfzhBatchRequest: {
            /** @description 待查询的公民身份号码，1 至 20 个 */
            sfzhList: components["schemas"]["Sfzh"][];
        };
        /** @description 常住人口户籍登记信息（一人一条）；系统今后可能增加字段 */
        HjxxRecord: {
            gmsfhm: components["schemas"]["Sfzh"];
            /** @description 姓名 */
            xm: string;
            xbdm?: components["schemas"]["Xbdm"];
            csrq?: components["schemas"]["Rq8"];
            /** @description 民族名称（如 汉族） */
            mzmc?: string;
            /** @description 籍贯省市县（区）名称 */
            jgssxmc?: string;
            /** @description 户籍地区划代码（县级，6 位） */
            hjdqh: string;
            /** @description 户籍地区划名称 */
            hjdqmc?: string;
            /** @description 户籍地址详址 */
            hjdz?: string;
            /** @description 发证机关（户口登记机关） */
            fzjg?: string;
            /**
             * @description 户类型代码：1 家庭户，2 集体户，3 社区公共户，9 其他户；无值时为空串
             * @enum {string}
             */
            hlxdm?: "" | "1" | "2" | "3" | "9";
            /** @description 户号 */
            hh?: string;
            /** @description 户主姓名 */
            hzxm?: string;
            /** @description 与户主关系代码（GB/T 4761 家庭关系代码，如 02 户主、10 配偶、20 子、30 女） */
            yhzgxdm?: string;
            /** @description 与户主关系名称 */
            yhzgxmc?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description 居住证信息（一人可有多条）；系统今后可能增加字段 */
        JzzRecord: {
            gmsfhm: components["schemas"]["Sfzh"];
            /** @description 姓名 */
            xm: string;
            xbdm?: components["schemas"]["Xbdm"];
            /** @description 民族名称 */
            mzmc?: string;
            /** @description 户籍所在地 */
            hjszd?: string;
            /** @description 现住址（居住地详址） */
            xzz?: string;
            /** @description 签发机关 */
            qfjg?: string;
            /** @description 签发地区划代码（县级，6 位），即持证人居住的县（市、区） */
            qfdqh: string;
            /** @description 有效期起始日期，YYYYMMDD */
            yxqqsrq?: components["schemas"]["Rq8"];
            /** @description 有效期截止日期，YYYYMMDD */
            yxqjzrq?: components["schemas"]["Rq8"];
        } & {
            [key: string]: unknown;
        };
        /** @description 户籍信息批量核查应答 */
        HjxxBatchResponse: {
            /** @description 应答代码，"0000" 成功 */
            code: string;
            /** @description 应答说明 */
            message: string;
            /** @description 应答数据 */
            data: {
                /** @description 查到的户籍记录；未登记的号码不返回 */
                records: components["schemas"]["HjxxRecord"][];
            };
        };
        /** @description 居住证信息批量核查应答 */
        JzzBatchResponse: {
            /** @description 应答代码，"0000" 成功 */
            code: string;
            /** @description 应答说明 */
            message: string;
            /** @description 应答数据 */
            data: {
                /** @description 查到的居住证记录；无居住证的号码不返回 */
                records: components["schemas"]["JzzRecord"][];
            };
        };
        /** @description 业务错误应答 */
        ErrorEnvelope: {
            /** @description 错误代码：4001 参数不合法，4002 号码数量超限 */
            code: string;
            /** @description 错误说明 */
            message: string;
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
        /** @description 请求体不合法，或号码超过 20 个 */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
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
        /** @description 请求时间，自 1970-01-01 起的毫秒数；与服务器时间相差超过 5 分钟的请求被拒绝（防重放）。 */
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
    hjxxBatch: {
        parameters: {
            query?: never;
            header: {
                /** @description 请求时间，自 1970-01-01 起的毫秒数；与服务器时间相差超过 5 分钟的请求被拒绝（防重放）。 */
                "X-Timestamp": components["parameters"]["XTimestamp"];
                /** @description 每个请求唯一的随机十六进制串，参与签名。 */
                "X-Nonce": components["parameters"]["XNonce"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SfzhBatchRequest"];
            };
        };
        responses: {
            /** @description 查询成功；未登记的号码不出现在 records 中 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HjxxBatchResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
    jzzBatch: {
        parameters: {
            query?: never;
            header: {
                /** @description 请求时间，自 1970-01-01 起的毫秒数；与服务器时间相差超过 5 分钟的请求被拒绝（防重放）。 */
                "X-Timestamp": components["parameters"]["XTimestamp"];
                /** @description 每个请求唯一的随机十六进制串，参与签名。 */
                "X-Nonce": components["parameters"]["XNonce"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SfzhBatchRequest"];
            };
        };
        responses: {
            /** @description 查询成功；无居住证的号码不出现在 records 中 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JzzBatchResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["Unavailable"];
        };
    };
}
