import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PersonParent } from '../evidence/person';
import type { ApplicationRecord } from '../applications/store';
import type { EvidenceParent } from '../evidence/graphqlMappers';
import type { GatewayContext } from '../context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** 日期 A calendar date, `YYYY-MM-DD` (e.g. 2018-08-31). Only real calendar dates are accepted. */
  Date: { input: string; output: string; }
  /** 日期时间 A point in time, ISO 8601 with an explicit offset or `Z` (e.g. 2025-07-01T08:30:00+08:00). */
  DateTime: { input: string; output: string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** 操作 What an access-log entry records. */
export type AccessAction =
  /** 关闭申请 An enrollment application was closed. */
  | 'CLOSE_APPLICATION'
  /** 清除缓存 An operator dropped a person's cached evidence. */
  | 'EVICT_CACHE'
  /** 导出日志 An auditor exported a search of the access log. */
  | 'EXPORT_LOG'
  /** 授权 A resident granted a county consent to read their family's data. */
  | 'GRANT_CONSENT'
  /** 读取 A read of a person's data (allowed, denied or failed). */
  | 'READ'
  /** 登记申请 An enrollment application was registered. */
  | 'REGISTER_APPLICATION'
  /** 撤回授权 A resident revoked a consent. */
  | 'REVOKE_CONSENT'
  /** 查询日志 An auditor searched the access log for a person. */
  | 'SEARCH_LOG'
  /** 查看本人记录 A parent looked at who read their family's data. */
  | 'VIEW_OWN_LOG';

/** 访问预警 The alerts of one window, each list at most 100 rows, worst first. */
export type AccessAlerts = {
  __typename?: 'AccessAlerts';
  /** 已关闭申请 Reads under an application after it was closed. */
  closedApplications: Array<ClosedApplicationAlert>;
  /** 多次拒绝 Callers refused at least 5 times. */
  denied: Array<DeniedAlert>;
  /** 已过期申请 Reads under an application past its enrollment season. */
  expiredApplications: Array<ExpiredApplicationAlert>;
  /** 起始时间 Start of the window. */
  from: Scalars['DateTime']['output'];
  /** 查无记录 Callers who read at least 10 people of whom no department had any record. */
  noRecord: Array<NoRecordAlert>;
  /** 截止时间 End of the window. */
  to: Scalars['DateTime']['output'];
  /** 读取量异常 Callers who read at least 200 people and 3 times the median caller. */
  volume: Array<VolumeAlert>;
};

/** 访问日志分页 A page of access log entries. */
export type AccessLogConnection = {
  __typename?: 'AccessLogConnection';
  /** 条目 The entries on this page. */
  edges: Array<AccessLogEdge>;
  /** 分页信息 Whether there are more. */
  pageInfo: PageInfo;
  /** 总数 How many entries match the filter; null past 10,000 (not cheap to count). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

/** 访问日志条目 One entry with its cursor. */
export type AccessLogEdge = {
  __typename?: 'AccessLogEdge';
  /** 游标 Pass as `after` to continue after this entry. */
  cursor: Scalars['String']['output'];
  /** 条目 The entry. */
  node: AccessLogEntry;
};

/** 访问日志条目 One recorded access to a person's data (or a denied attempt). */
export type AccessLogEntry = {
  __typename?: 'AccessLogEntry';
  /** 操作 What the entry records: a read, or another accountable act. */
  action: AccessAction;
  /** 访问者县区 The caller's county, where the role has one. */
  actorCounty?: Maybe<Scalars['String']['output']>;
  /** 访问角色 The caller's role. */
  actorRole: Scalars['String']['output'];
  /** 访问主体 The caller's token subject. */
  actorSubject: Scalars['String']['output'];
  /** 申请编号 The purpose's application. */
  applicationId?: Maybe<Scalars['String']['output']>;
  /** 时间 When the access happened. */
  at: Scalars['DateTime']['output'];
  /** 链标识 The chain (one per gateway instance) this entry belongs to. */
  chainId: Scalars['String']['output'];
  /** 县区代码 The purpose's county. */
  countyCode?: Maybe<Scalars['String']['output']>;
  /** 数据部门 The department read; null when the entry read several departments (see reads). */
  department?: Maybe<Scalars['String']['output']>;
  /** 材料 The evidence read (a Person field name); null when the entry read several kinds (see reads). */
  evidence?: Maybe<Scalars['String']['output']>;
  /** 字段 The fields read; "evidence.field" when the entry read several kinds. */
  fields: Array<Scalars['String']['output']>;
  /** 哈希 SHA-256 of the previous hash and this entry. */
  hash: Scalars['String']['output'];
  /** 访问结果 Allowed, denied or failed. */
  outcome: AccessOutcome;
  /** 前一哈希 The previous entry's hash in the chain. */
  prevHash: Scalars['String']['output'];
  /**
   * 读取明细 Every kind of evidence the entry read, each with its department and fields. An entry
   * records one person's reads in one request (with one outcome and source), not one kind each.
   */
  reads: Array<AccessLogRead>;
  /** 原因 Why it was denied or failed; never personal data. */
  reason?: Maybe<Scalars['String']['output']>;
  /** 请求标识 The request that made it. */
  requestId: Scalars['String']['output'];
  /** 序号 Sequence number within its chain. */
  seq: Scalars['Int']['output'];
  /** 数据来源 Department or cache, for allowed reads. */
  source?: Maybe<AccessSource>;
  /** 当事人标识 A keyed hash of the person's ID number, never the number. */
  subjectHash?: Maybe<Scalars['String']['output']>;
};

/** 筛选条件 Which access log entries to return; all given conditions must hold. */
export type AccessLogFilter = {
  /** 操作 What the entry records. */
  action?: InputMaybe<AccessAction>;
  /** 访问角色 The caller's role. */
  actorRole?: InputMaybe<Scalars['String']['input']>;
  /** 访问主体 The caller's token subject. */
  actorSubject?: InputMaybe<Scalars['String']['input']>;
  /** 申请编号 The purpose's application. */
  applicationId?: InputMaybe<Scalars['String']['input']>;
  /** 县区代码 The purpose's county. */
  countyCode?: InputMaybe<Scalars['String']['input']>;
  /** 数据部门 The department read (an entry reading several departments matches each of them). */
  department?: InputMaybe<Scalars['String']['input']>;
  /** 材料 The evidence kind read (an entry reading several kinds matches each of them). */
  evidence?: InputMaybe<Scalars['String']['input']>;
  /** 起始时间 Entries at or after this time. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** 身份证号 The person's ID number; hashed by the gateway before the search. */
  idNumber?: InputMaybe<Scalars['String']['input']>;
  /** 访问结果 The outcome. */
  outcome?: InputMaybe<AccessOutcome>;
  /** 请求标识 The request that made the access (the x-request-id response header). */
  requestId?: InputMaybe<Scalars['String']['input']>;
  /** 截止时间 Entries before this time. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** 读取明细 One kind of evidence an access-log entry read. */
export type AccessLogRead = {
  __typename?: 'AccessLogRead';
  /** 数据部门 The department that holds it. */
  department: Scalars['String']['output'];
  /** 材料 The evidence kind (a Person field name). */
  evidence: Scalars['String']['output'];
  /** 字段 The fields selected under it. */
  fields: Array<Scalars['String']['output']>;
};

/** 访问结果 Whether an access was allowed. */
export type AccessOutcome =
  /** 允许 Allowed. */
  | 'ALLOWED'
  /** 拒绝 Denied. */
  | 'DENIED'
  /** 出错 Failed with an error. */
  | 'ERROR';

/** 数据来源 Where the data of an allowed access came from. */
export type AccessSource =
  /** 缓存 Served from the gateway's cache. */
  | 'CACHE'
  /** 部门 Read from the department. */
  | 'DEPARTMENT';

/** 调用方 The caller an alert is about (a token subject, never a person whose data was read). */
export type AlertCaller = {
  __typename?: 'AlertCaller';
  /** 县区 Its county. */
  county?: Maybe<Scalars['String']['output']>;
  /** 角色 Its role. */
  role: Scalars['String']['output'];
  /** 主体 The token subject. */
  subject: Scalars['String']['output'];
};

/** 申请人 A person named in an application, as the family entered them. */
export type ApplicantPerson = {
  /** 身份证号 Citizen ID number. */
  idNumber: Scalars['String']['input'];
  /** 姓名 Name. */
  name: Scalars['String']['input'];
};

/**
 * 申请 An enrollment application as the gateway holds it: the unit of access. A county reads a
 * person's data only under a registered, open application of its county that names the person
 * (the child, a guardian, or a person the verification reached through department data).
 * ID numbers are held as keyed hashes, never in the clear.
 */
export type Application = {
  __typename?: 'Application';
  /** 申请编号 The application's ID on the county platform. */
  applicationId: Scalars['ID']['output'];
  /** 关闭原因 Why it was closed. */
  closeReason?: Maybe<Scalars['String']['output']>;
  /** 关闭时间 When it was closed; null while open. */
  closedAt?: Maybe<Scalars['DateTime']['output']>;
  /** 县区代码 The county the application belongs to. */
  countyCode: Scalars['String']['output'];
  /** 到期时间 The end of its enrollment season: nothing is read under it afterwards, even while OPEN. */
  expiresAt: Scalars['DateTime']['output'];
  /** 成员 Whose data may be read under it. */
  members: Array<ApplicationMember>;
  /** 登记时间 When it was registered. */
  registeredAt: Scalars['DateTime']['output'];
  /** 登记角色 The role of whoever registered it (county_platform, help_desk, applicant). */
  registeredRole: Scalars['String']['output'];
  /** 学年 The autumn term's year. */
  schoolYear: Scalars['Int']['output'];
  /** 学段 Primary or junior. */
  stage: Stage;
  /** 状态 OPEN while data may be read under it; CLOSED after closeApplication. */
  status: ApplicationStatus;
};

/** 入学申请 One enrollment application, as the county platform received it. */
export type ApplicationInput = {
  /** 申请编号 The application's ID on the county platform. */
  applicationId: Scalars['ID']['input'];
  /** 适龄儿童 The child applying. */
  child: ApplicantPerson;
  /** 县区代码 The county's 6-digit region code. */
  countyCode: Scalars['String']['input'];
  /** 监护人 The child's guardians. */
  guardians: Array<Guardian>;
  /** 优待对象 Declared by the family; its proof is checked offline. */
  priorityGroup?: InputMaybe<Scalars['Boolean']['input']>;
  /** 学年 The autumn term's year, e.g. 2025. */
  schoolYear: Scalars['Int']['input'];
  /** 学段 Primary or junior. */
  stage: Stage;
};

/** 申请成员 One person an application covers, by the keyed hash the access log uses too. */
export type ApplicationMember = {
  __typename?: 'ApplicationMember';
  /** 成员类型 Child, guardian or derived. */
  kind: ApplicationMemberKind;
  /** 原因 For a derived member: how the verification reached them. */
  reason?: Maybe<Scalars['String']['output']>;
  /** 人员哈希 Keyed hash of the person's ID number (the access log's subjectHash). */
  subjectHash: Scalars['String']['output'];
};

/** 成员类型 How a person belongs to an application. */
export type ApplicationMemberKind =
  /** 儿童 The child applying. */
  | 'CHILD'
  /** 派生成员 A person the verification reached through department data (a step-parent: the current spouse of a verified parent). */
  | 'DERIVED'
  /** 监护人 A guardian named at registration. */
  | 'GUARDIAN';

/** 申请状态 Whether data may be read under an application. */
export type ApplicationStatus =
  /** 已关闭 Closed: nothing is read under it. */
  | 'CLOSED'
  /** 有效 Registered and not closed (reads also stop at its expiry). */
  | 'OPEN';

/** 审计链 The state of one hash chain. */
export type AuditChain = {
  __typename?: 'AuditChain';
  /** 已归档条目数 How many of its entries were moved to archive files (retention). */
  archivedEntries: Scalars['Int']['output'];
  /** 链标识 The chain. */
  chainId: Scalars['String']['output'];
  /** 条目数 How many entries it holds (not counting archived ones). */
  entries: Scalars['Int']['output'];
  /** 首个断点 The first sequence number whose link fails. */
  firstBrokenSeq?: Maybe<Scalars['Int']['output']>;
  /** 最后签名检查点 The chain's last checkpoint signed with the gateway's audit key; null when it has none. */
  lastCheckpoint?: Maybe<AuditCheckpoint>;
  /** 最后哈希 The last entry's hash. */
  lastHash: Scalars['String']['output'];
  /** 最后序号 The last sequence number. */
  lastSeq: Scalars['Int']['output'];
  /** 是否完整 True when every link verifies. */
  ok: Scalars['Boolean']['output'];
  /** 问题 What is wrong there; never personal data. */
  problem?: Maybe<Scalars['String']['output']>;
  /** 是否到达检查点 Whether the stored chain reaches that checkpoint (its entry, or archive row, has the signed hash); null without one. */
  reachesCheckpoint?: Maybe<Scalars['Boolean']['output']>;
};

/** 签名检查点 Where a chain stood after a group commit, signed with the gateway's audit key (Ed25519). */
export type AuditCheckpoint = {
  __typename?: 'AuditCheckpoint';
  /** 时间 When it was signed. */
  at: Scalars['DateTime']['output'];
  /** 哈希 That entry's hash. */
  hash: Scalars['String']['output'];
  /** 密钥标识 Which signing key (the first 16 hex digits of SHA-256 over its public key). */
  keyId: Scalars['String']['output'];
  /** 序号 The chain's last sequence number at that time. */
  seq: Scalars['Int']['output'];
  /** 签名 The Ed25519 signature, base64. */
  signature: Scalars['String']['output'];
};

/** 审计完整性 Whether the audit chains are intact. */
export type AuditIntegrity = {
  __typename?: 'AuditIntegrity';
  /** 审计链 One line per chain. */
  chains: Array<AuditChain>;
  /** 条目数 Entries still in the log, all chains (archived ones not counted). */
  entries: Scalars['Int']['output'];
  /** 是否完整 True when every chain verifies. */
  ok: Scalars['Boolean']['output'];
  /** 校验时间 When the check ran. */
  verifiedAt?: Maybe<Scalars['DateTime']['output']>;
};

/**
 * 出生医学证明 Birth medical certificate, held by 卫生健康 Health (health). It carries no child
 * ID number: it is found through a parent's and matched to the child by name and birth date.
 */
export type BirthCertificate = {
  __typename?: 'BirthCertificate';
  /** 出生日期 Date of birth. */
  birthDate: Scalars['Date']['output'];
  /** 出生证号 Certificate number. */
  certificateNumber: Scalars['String']['output'];
  /** 儿童姓名 Child's name. */
  childName: Scalars['String']['output'];
  /** 父亲身份证号 Father's citizen ID number. */
  fatherIdNumber?: Maybe<Scalars['String']['output']>;
  /** 父亲姓名 Father's name. */
  fatherName?: Maybe<Scalars['String']['output']>;
  /** 母亲身份证号 Mother's citizen ID number. */
  motherIdNumber?: Maybe<Scalars['String']['output']>;
  /** 母亲姓名 Mother's name. */
  motherName?: Maybe<Scalars['String']['output']>;
  /** 数据来源 Where and when this record was obtained. */
  provenance: Provenance;
};

/** 缓存清除结果 What an eviction removed. */
export type CacheEviction = {
  __typename?: 'CacheEviction';
  /** 清除条数 How many cached entries (one per kind of evidence held) were removed; 0 when none were cached. */
  evicted: Scalars['Int']['output'];
};

/** 核验项 One check made on an application. */
export type Check = {
  __typename?: 'Check';
  /** 数据部门 The department whose data decided it, if one did. */
  department?: Maybe<Scalars['String']['output']>;
  /** 说明 A line for the clerk saying what was compared (for the address check, the two normalized addresses, which county staff see anyway); never an ID number or a name. */
  detail?: Maybe<Scalars['String']['output']>;
  /** 核验项名称 Name of the check (stable, machine-readable). */
  name: Scalars['String']['output'];
  /** 核验结果 Its outcome. */
  status: CheckStatus;
};

/** 核验结果 Outcome of one check. */
export type CheckStatus =
  /** 未通过 The data contradicts it or does not show it. */
  | 'FAILED'
  /** 不适用 The check does not apply to this application. */
  | 'NOT_APPLICABLE'
  /** 通过 The data confirms it. */
  | 'PASSED'
  /** 无法核验 The department could not answer. */
  | 'UNAVAILABLE';

/** 已关闭申请 Reads under an application after its closure. */
export type ClosedApplicationAlert = {
  __typename?: 'ClosedApplicationAlert';
  /** 调用方 Who read under it afterwards. */
  actorSubject: Scalars['String']['output'];
  /** 允许次数 Of them, reads that were allowed. */
  allowed: Scalars['Int']['output'];
  /** 申请编号 The application. */
  applicationId: Scalars['ID']['output'];
  /** 关闭时间 When it was closed. */
  closedAt: Scalars['DateTime']['output'];
  /** 县区代码 Its county. */
  countyCode: Scalars['String']['output'];
  /** 最近时间 The last such read. */
  lastAt: Scalars['DateTime']['output'];
  /** 读取次数 Reads after the closure. */
  reads: Scalars['Int']['output'];
};

/** 共有人 One co-owner of a property or a purchase. */
export type CoOwner = {
  __typename?: 'CoOwner';
  /** 共有人身份证号 The co-owner's citizen ID number. */
  idNumber?: Maybe<Scalars['String']['output']>;
  /** 共有人姓名 The co-owner's name. */
  name: Scalars['String']['output'];
  /** 权利份额 The share as written (1/2, 50%), or null. */
  share?: Maybe<Scalars['String']['output']>;
};

/** 共有人与共有情况 Co-ownership of a property or a purchase: the mode and the co-owners. */
export type CoOwnership = {
  __typename?: 'CoOwnership';
  /** 共有人 The co-owners. */
  coOwners: Array<CoOwner>;
  /** 共有方式 The ownership mode. */
  mode: CoOwnershipMode;
};

/** 共有方式 How a property is owned. */
export type CoOwnershipMode =
  /** 按份共有 Ownership by shares. */
  | 'BY_SHARES'
  /** 共同共有 Joint ownership. */
  | 'JOINT'
  /** 单独所有 Sole ownership. */
  | 'SOLE';

/**
 * 群众授权 A resident's consent, per application, for a county's enrollment platform to pull their
 * family's data from the departments (where the county's policy asks for one; otherwise the
 * county reads on its statutory duty). Stored against a keyed hash of the resident's ID number.
 */
export type Consent = {
  __typename?: 'Consent';
  /** 是否有效 True while it is live (granted and not revoked). */
  active: Scalars['Boolean']['output'];
  /** 申请编号 The enrollment application the consent is for. */
  applicationId: Scalars['ID']['output'];
  /** 县区代码 The county allowed to read. */
  countyCode: Scalars['String']['output'];
  /** 授权时间 When it was granted. */
  grantedAt: Scalars['DateTime']['output'];
  /** 撤回时间 When it was revoked; null while it is live. */
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
};

/** 多次拒绝 A caller refused again and again. */
export type DeniedAlert = {
  __typename?: 'DeniedAlert';
  /** 调用方 Who. */
  caller: AlertCaller;
  /** 拒绝次数 Refusals in the window. */
  denied: Scalars['Int']['output'];
  /** 最近时间 The last refusal. */
  lastAt: Scalars['DateTime']['output'];
  /** 人数 Distinct people the refusals concerned. */
  people: Scalars['Int']['output'];
};

/** 招生类型 Enrollment category, as decided per county. */
export type EnrollmentCategory =
  /** 房户一致 Household registration and property in the same place (the county). */
  | 'HOUSEHOLD_AND_PROPERTY'
  /** 有户无房 Household registration in the county without property there. */
  | 'HOUSEHOLD_ONLY'
  /** 外来务工随迁子女 Child of migrant workers. */
  | 'MIGRANT_WORKER_CHILD'
  /** 优待对象 Priority or entitled group (proof checked offline). */
  | 'PRIORITY'
  /** 有房无户 Property in the county without household registration there. */
  | 'PROPERTY_ONLY'
  /** 待定 Not decidable from the data the departments gave. */
  | 'UNDETERMINED';

/** 营业执照（企业法人） Enterprise licence, held by 市场监督管理 Market Regulation (marketRegulation). */
export type EnterpriseLicense = {
  __typename?: 'EnterpriseLicense';
  /** 统一社会信用代码 Unified social credit code. */
  creditCode: Scalars['String']['output'];
  /** 企业名称 Enterprise name. */
  enterpriseName: Scalars['String']['output'];
  /** 经营者姓名 Legal representative's name. */
  legalRepresentativeName: Scalars['String']['output'];
  /** 营业执照名称 Name on the licence. */
  licenseName?: Maybe<Scalars['String']['output']>;
  /** 数据来源 Where and when this record was obtained. */
  provenance: Provenance;
  /** 注册地区划 Region code of the registered address. */
  regionCode: Scalars['String']['output'];
  /** 注册地址 Registered address. */
  registeredAddress?: Maybe<Scalars['String']['output']>;
  /** 注册日期 Registration date. */
  registeredOn?: Maybe<Scalars['Date']['output']>;
};

/** 材料类型 The eleven kinds of evidence (a document a family may be asked to upload). */
export type EvidenceKind =
  /** 出生医学证明 Birth medical certificate. */
  | 'BIRTH_CERTIFICATE'
  /** 营业执照（企业法人） Enterprise licence. */
  | 'ENTERPRISE_LICENSE'
  /** 户口本 Household registration. */
  | 'HOUSEHOLD_REGISTRATION'
  /** 营业执照（个体工商户） Individual-business licence. */
  | 'INDIVIDUAL_BUSINESS_LICENSE'
  /** 租赁备案合同 Lease filing. */
  | 'LEASE_FILING'
  /** 结婚证 Marriage registration. */
  | 'MARRIAGE_REGISTRATION'
  /** 不动产权证 Real-estate title. */
  | 'PROPERTY_CERTIFICATE'
  /** 网签购房合同 Online-signed purchase contract. */
  | 'PURCHASE_CONTRACT'
  /** 居住证 Residence permit. */
  | 'RESIDENCE_PERMIT'
  /** 参保缴费证明 Social-insurance payment record. */
  | 'SOCIAL_INSURANCE_PAYMENT'
  /** 保障性住房合同 Subsidized-housing contract. */
  | 'SUBSIDIZED_HOUSING_CONTRACT';

/** 已过期申请 Reads refused because the application was past its enrollment season. */
export type ExpiredApplicationAlert = {
  __typename?: 'ExpiredApplicationAlert';
  /** 调用方 Who read under it. */
  actorSubject: Scalars['String']['output'];
  /** 申请编号 The application. */
  applicationId: Scalars['ID']['output'];
  /** 县区代码 Its county. */
  countyCode: Scalars['String']['output'];
  /** 最近时间 The last such read. */
  lastAt: Scalars['DateTime']['output'];
  /** 读取次数 Refused reads. */
  reads: Scalars['Int']['output'];
};

/** 性别 Gender. */
export type Gender =
  /** 女 Female. */
  | 'FEMALE'
  /** 男 Male. */
  | 'MALE';

/** 监护人 A guardian named in an application. */
export type Guardian = {
  /** 身份证号 Citizen ID number. */
  idNumber: Scalars['String']['input'];
  /** 姓名 Name. */
  name: Scalars['String']['input'];
  /** 监护关系 Relation to the child. */
  relation: GuardianRelation;
};

/** 监护关系 A guardian's relation to the child. */
export type GuardianRelation =
  /** 父亲 Father. */
  | 'FATHER'
  /** 母亲 Mother. */
  | 'MOTHER'
  /** 其他监护人 Another guardian. */
  | 'OTHER';

/** 户口本 Household registration of one person, held by 公安 Public Security (police). */
export type HouseholdRegistration = {
  __typename?: 'HouseholdRegistration';
  /** 户籍地址详址 Full address of the household registration. */
  address?: Maybe<Scalars['String']['output']>;
  /** 出生日期 Date of birth. */
  birthDate?: Maybe<Scalars['Date']['output']>;
  /** 民族 Ethnicity. */
  ethnicity?: Maybe<Scalars['String']['output']>;
  /** 性别 Gender. */
  gender?: Maybe<Gender>;
  /** 户主名称 Name of the head of household. */
  headOfHouseholdName?: Maybe<Scalars['String']['output']>;
  /** 户号 Household number. */
  householdNumber?: Maybe<Scalars['String']['output']>;
  /** 户口类型 Household type. */
  householdType?: Maybe<HouseholdType>;
  /** 身份证号 The citizen ID number. */
  idNumber: Scalars['String']['output'];
  /** 发证机关 Issuing authority. */
  issuingAuthority?: Maybe<Scalars['String']['output']>;
  /** 姓名 Name. */
  name: Scalars['String']['output'];
  /** 籍贯 Native place. */
  nativePlace?: Maybe<Scalars['String']['output']>;
  /** 数据来源 Where and when this record was obtained. */
  provenance: Provenance;
  /** 户籍地区划代码 Region code of the household registration. */
  regionCode: Scalars['String']['output'];
  /** 户籍地区划名称 Region name of the household registration. */
  regionName?: Maybe<Scalars['String']['output']>;
  /** 与户主关系（代码） Relation to the head of household, GB/T 4761 code. */
  relationToHeadCode?: Maybe<Scalars['String']['output']>;
  /** 与户主关系（名称） Relation to the head of household, as named. */
  relationToHeadName?: Maybe<Scalars['String']['output']>;
};

/** 户口类型 Household type. */
export type HouseholdType =
  /** 集体户 Collective household. */
  | 'COLLECTIVE'
  /** 社区公共户 Community public household. */
  | 'COMMUNITY_PUBLIC'
  /** 家庭户 Family household. */
  | 'FAMILY'
  /** 其他 Other. */
  | 'OTHER';

/** 营业执照（个体工商户） Individual-business licence, held by 市场监督管理 Market Regulation (marketRegulation). */
export type IndividualBusinessLicense = {
  __typename?: 'IndividualBusinessLicense';
  /** 经营场所地址 Business address. */
  businessAddress?: Maybe<Scalars['String']['output']>;
  /** 统一社会信用代码 Unified social credit code. */
  creditCode: Scalars['String']['output'];
  /** 成立日期 Date established. */
  establishedOn?: Maybe<Scalars['Date']['output']>;
  /** 身份证号 Operator's citizen ID number. */
  operatorIdNumber: Scalars['String']['output'];
  /** 经营者姓名 Operator's name. */
  operatorName: Scalars['String']['output'];
  /** 数据来源 Where and when this record was obtained. */
  provenance: Provenance;
  /** 经营地区划 Region code of the business address. */
  regionCode: Scalars['String']['output'];
};

/** 参保险种 Insurance type. */
export type InsuranceType =
  /** 生育 Maternity. */
  | 'MATERNITY'
  /** 医疗 Medical. */
  | 'MEDICAL'
  /** 养老 Pension. */
  | 'PENSION'
  /** 失业 Unemployment. */
  | 'UNEMPLOYMENT'
  /** 工伤 Work injury. */
  | 'WORK_INJURY';

/** 租赁备案合同 Lease filing, held by 住房和城乡建设 Housing & Urban-Rural Development (housing). */
export type LeaseFiling = {
  __typename?: 'LeaseFiling';
  /** 备案证书编号 Filing certificate number. */
  filingNumber: Scalars['String']['output'];
  /** 承租期限（截止） Lease end. */
  leaseEnd?: Maybe<Scalars['Date']['output']>;
  /** 承租期限（起始） Lease start. */
  leaseStart?: Maybe<Scalars['Date']['output']>;
  /** 承租人身份证号 Lessee's citizen ID number. */
  lesseeIdNumber: Scalars['String']['output'];
  /** 承租人 Lessee's name. */
  lesseeName: Scalars['String']['output'];
  /** 出租人身份证号 Lessor's citizen ID number. */
  lessorIdNumber?: Maybe<Scalars['String']['output']>;
  /** 出租人 Lessor's name. */
  lessorName?: Maybe<Scalars['String']['output']>;
  /** 房屋坐落 Location of the property. */
  location?: Maybe<Scalars['String']['output']>;
  /** 产权证号码 Number of the property's title certificate. */
  propertyCertificateNumber?: Maybe<Scalars['String']['output']>;
  /** 数据来源 Where and when this record was obtained. */
  provenance: Provenance;
  /** 房屋坐落区划 Region code of the property's location. */
  regionCode: Scalars['String']['output'];
};

/** 结婚证 Marriage registration, held by 民政 Civil Affairs (civilAffairs). */
export type MarriageRegistration = {
  __typename?: 'MarriageRegistration';
  /** 男方身份证号 Husband's citizen ID number. */
  husbandIdNumber: Scalars['String']['output'];
  /** 男方姓名 Husband's name. */
  husbandName: Scalars['String']['output'];
  /** 数据来源 Where and when this record was obtained. */
  provenance: Provenance;
  /** 登记日期 Registration date. */
  registeredOn?: Maybe<Scalars['Date']['output']>;
  /** 婚姻状态 Marriage status. */
  status: MarriageStatus;
  /** 女方身份证号 Wife's citizen ID number. */
  wifeIdNumber: Scalars['String']['output'];
  /** 女方姓名 Wife's name. */
  wifeName: Scalars['String']['output'];
};

/** 婚姻状态 Marriage status. */
export type MarriageStatus =
  /** 撤销 Annulled. */
  | 'ANNULLED'
  /** 离婚 Divorced. */
  | 'DIVORCED'
  /** 结婚 Married. */
  | 'MARRIED';

/** 变更 Operations that change the gateway's state (operators only). */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * 关闭申请 Closes an application (county platforms and help desks, own county): nothing is read
   * under it afterwards. Closing a closed application returns it unchanged. Recorded in the access log.
   */
  closeApplication: Application;
  /**
   * 清除个人缓存 Drops every cached answer about one person (all eleven kinds of evidence), for
   * when a department reports a correction. The ID number is hashed before use and is never
   * stored or logged. Fails with CACHE_UNAVAILABLE, rather than answering 0, when the cache cannot
   * be reached.
   */
  evictPersonCache: CacheEviction;
  /**
   * 授权 Allows the county to read the signed-in resident's data, and their children's, for this
   * application (applicants only). Granting a consent that is already live returns it unchanged.
   */
  grantConsent: Consent;
  /**
   * 登记申请 Registers an application: county platforms and help desks in their own county; an
   * applicant for a child the departments link to them (and to every guardian named), which also
   * records the applicant's consent. Registering the same applicationId again with the same
   * members returns it unchanged; with other members it is BAD_USER_INPUT. Recorded in the access log.
   */
  registerApplication: Application;
  /** 撤回授权 Revokes the signed-in resident's live consents for this application (applicants only). */
  revokeConsent: Consent;
};


/** 变更 Operations that change the gateway's state (operators only). */
export type MutationCloseApplicationArgs = {
  applicationId: Scalars['ID']['input'];
  countyCode: Scalars['String']['input'];
  reason: Scalars['String']['input'];
};


/** 变更 Operations that change the gateway's state (operators only). */
export type MutationEvictPersonCacheArgs = {
  idNumber: Scalars['String']['input'];
};


/** 变更 Operations that change the gateway's state (operators only). */
export type MutationGrantConsentArgs = {
  applicationId: Scalars['ID']['input'];
  countyCode: Scalars['String']['input'];
};


/** 变更 Operations that change the gateway's state (operators only). */
export type MutationRegisterApplicationArgs = {
  input: ApplicationInput;
};


/** 变更 Operations that change the gateway's state (operators only). */
export type MutationRevokeConsentArgs = {
  applicationId: Scalars['ID']['input'];
};

/** 我的访问记录分页 A page of the parent's access log. */
export type MyAccessLogConnection = {
  __typename?: 'MyAccessLogConnection';
  /** 条目 The entries on this page. */
  edges: Array<MyAccessLogEdge>;
  /** 分页信息 Whether there are more. */
  pageInfo: PageInfo;
};

/** 我的访问记录条目 One entry with its cursor. */
export type MyAccessLogEdge = {
  __typename?: 'MyAccessLogEdge';
  /** 游标 Pass as `after` to continue after this entry. */
  cursor: Scalars['String']['output'];
  /** 条目 The entry. */
  node: MyAccessLogEntry;
};

/** 访问记录 One access to the family's data, told as a parent reads it. Never names a clerk. */
export type MyAccessLogEntry = {
  __typename?: 'MyAccessLogEntry';
  /** 操作 A read, or another accountable act (an application registered, an auditor's search). */
  action: AccessAction;
  /** 机构县区代码 The organisation's county, where it has one. */
  actorCountyCode?: Maybe<Scalars['String']['output']>;
  /** 访问角色 The organisation's role (county_platform, school_reviewer, help_desk, applicant, auditor, admin). */
  actorRole: Scalars['String']['output'];
  /** 申请编号 The application the access served. */
  applicationId?: Maybe<Scalars['String']['output']>;
  /** 时间 When it happened. */
  at: Scalars['DateTime']['output'];
  /** 子女出生日期 For a child's entry, the child's birth date (tells children apart without a name). */
  childBirthDate?: Maybe<Scalars['Date']['output']>;
  /** 部门 The department that holds the evidence, by its Chinese name (公安, 卫健, …). */
  departmentName?: Maybe<Scalars['String']['output']>;
  /** 材料 The evidence read (a Person field name), where one was. */
  evidence?: Maybe<Scalars['String']['output']>;
  /**
   * 材料名称 The evidence's Chinese name, as in Attachment 3 of the notice (户口本, 出生医学证明, …);
   * for a refused read, the names of all it asked for, joined by 、.
   */
  evidenceName?: Maybe<Scalars['String']['output']>;
  /** 字段 The fields read. */
  fields: Array<Scalars['String']['output']>;
  /** 访问机构 The organisation that read: role and county by name, e.g. 任城区招生平台. */
  organisation: Scalars['String']['output'];
  /** 结果 Allowed, refused or failed. */
  outcome: AccessOutcome;
  /** 说明 One sentence, e.g. "任城区招生平台为申请 APP-1 读取了您孩子（2018-03-08 出生）的户口本信息（来自公安部门）". */
  sentence: Scalars['String']['output'];
  /** 数据来源 From the department or from the gateway's cache, for allowed reads. */
  source?: Maybe<AccessSource>;
  /** 当事人 Whose data: the parent's own or a child's. */
  subject: MyAccessLogSubject;
};

/** 数据当事人 Whose data an entry is about, as the parent is told. */
export type MyAccessLogSubject =
  /** 子女 A child the departments link to the parent. */
  | 'CHILD'
  /** 本人 The signed-in parent. */
  | 'SELF';

/** 查无记录 A caller whose reads keep finding nobody. */
export type NoRecordAlert = {
  __typename?: 'NoRecordAlert';
  /** 调用方 Who. */
  caller: AlertCaller;
  /** 最近时间 The last such read. */
  lastAt: Scalars['DateTime']['output'];
  /** 人数 Distinct people read in all. */
  people: Scalars['Int']['output'];
  /** 查无人数 Distinct people read of whom every department answered it had no record. */
  unknownPeople: Scalars['Int']['output'];
};

/** 分页信息 Paging state. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** 末尾游标 The cursor of the last entry on this page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** 是否有下一页 Whether more entries follow. */
  hasNextPage: Scalars['Boolean']['output'];
};

/**
 * 个人 A person and the evidence every department holds on them. A list field is an empty list
 * when the department has no record and null only when the department could not answer.
 * In a supergraph, an entity whose key is the ID number and the purpose: a read through
 * `_entities` names its purpose as `person` does.
 */
export type Person = {
  __typename?: 'Person';
  /** 出生医学证明 Birth certificates naming this person as father or mother (卫生健康 health). */
  birthCertificates?: Maybe<Array<BirthCertificate>>;
  /** 营业执照（企业法人） Enterprises the person represents (市场监督管理 market regulation). */
  enterprises?: Maybe<Array<EnterpriseLicense>>;
  /** 户口本 The person's household registration (公安 police); null when there is none or police could not answer. */
  household?: Maybe<HouseholdRegistration>;
  /** 身份证号 The citizen ID number. */
  idNumber: Scalars['String']['output'];
  /** 营业执照（个体工商户） Individual businesses the person operates (市场监督管理 market regulation). */
  individualBusinesses?: Maybe<Array<IndividualBusinessLicense>>;
  /** 租赁备案合同 Lease filings where the person is the lessee (住房和城乡建设 housing). */
  leaseFilings?: Maybe<Array<LeaseFiling>>;
  /** 结婚证 Marriage registrations naming the person on either side (民政 civil affairs). */
  marriages?: Maybe<Array<MarriageRegistration>>;
  /** 不动产权证 Real-estate titles where the person is the holder or a co-owner (自然资源和规划 natural resources). */
  properties?: Maybe<Array<PropertyCertificate>>;
  /** 网签购房合同 Purchase contracts where the person is a buyer or co-buyer (住房和城乡建设 housing). */
  purchaseContracts?: Maybe<Array<PurchaseContract>>;
  /** 用途 The application and county this person was read for (part of the entity key). */
  purpose: ReadPurpose;
  /** 居住证 The person's residence permits (公安 police). */
  residencePermits?: Maybe<Array<ResidencePermit>>;
  /**
   * 参保缴费证明 Social-insurance payments, one per month and insurance type
   * (人力资源社会保障 human resources). Without from/to, every period on record.
   */
  socialInsurance?: Maybe<Array<SocialInsurancePayment>>;
  /** 保障性住房合同 Subsidized-housing contracts where the person is a member (住房和城乡建设 housing). */
  subsidizedHousing?: Maybe<Array<SubsidizedHousingContract>>;
};


/**
 * 个人 A person and the evidence every department holds on them. A list field is an empty list
 * when the department has no record and null only when the department could not answer.
 * In a supergraph, an entity whose key is the ID number and the purpose: a read through
 * `_entities` names its purpose as `person` does.
 */
export type PersonSocialInsuranceArgs = {
  from?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['String']['input']>;
};

/** 个人信息类别 The kind of personal data a field holds. */
export type PiiKind =
  /** 身份证号 A citizen ID number (masked to its first 6 and last 4 characters). */
  | 'ID_NUMBER'
  /** 姓名 A person's name (masked to its first character). */
  | 'NAME';

/** 积分 The points of a migrant worker's child where the county scores them. */
export type Points = {
  __typename?: 'Points';
  /** 积分明细 One line per scored item. */
  items: Array<PointsItem>;
  /** 总分 Total score. */
  total: Scalars['Float']['output'];
};

/** 积分明细 One scored item. */
export type PointsItem = {
  __typename?: 'PointsItem';
  /** 说明 A line for the clerk; never personal data. */
  detail?: Maybe<Scalars['String']['output']>;
  /** 依据 The evidence it was scored from. */
  evidence: Array<EvidenceKind>;
  /** 积分项目 The item scored. */
  item: PointsItemKind;
  /** 分值 Its score. */
  score: Scalars['Float']['output'];
};

/** 积分项目 The items a county may score (户籍类型、居住情况、从业情况、房产类型) and nothing else. */
export type PointsItemKind =
  /** 从业情况 Employment. */
  | 'EMPLOYMENT'
  /** 户籍类型 Household type. */
  | 'HOUSEHOLD_TYPE'
  /** 房产类型 Property type. */
  | 'PROPERTY_TYPE'
  /** 居住情况 Residence. */
  | 'RESIDENCE';

/** 不动产权证 Real-estate title, held by 自然资源和规划 Natural Resources & Planning (naturalResources). */
export type PropertyCertificate = {
  __typename?: 'PropertyCertificate';
  /** 不动产证书号 Certificate number. */
  certificateNumber: Scalars['String']['output'];
  /** 共有人与共有情况 Co-ownership. */
  coOwnership?: Maybe<CoOwnership>;
  /** 权利人身份证号 Holder's citizen ID number. */
  holderIdNumber: Scalars['String']['output'];
  /** 权利人名称 Holder's name. */
  holderName: Scalars['String']['output'];
  /** 房屋坐落 Location of the property. */
  location?: Maybe<Scalars['String']['output']>;
  /** 数据来源 Where and when this record was obtained. */
  provenance: Provenance;
  /** 房屋坐落区划 Region code of the property's location. */
  regionCode: Scalars['String']['output'];
  /** 登记日期 Registration date. */
  registeredOn?: Maybe<Scalars['Date']['output']>;
  /** 权利性质 Right nature, as the department writes it. */
  rightNature?: Maybe<Scalars['String']['output']>;
  /** 权利类型 Right type, as the department writes it. */
  rightType?: Maybe<Scalars['String']['output']>;
  /** 房屋状态 Status (正常, 抵押, 查封, 注销 …). */
  status?: Maybe<Scalars['String']['output']>;
  /** 房屋用途 Usage (住宅, 商业, 办公 …). */
  usage?: Maybe<Scalars['String']['output']>;
};

/** 数据来源 Where and when the gateway got a record, so a clerk knows how fresh the fact is. */
export type Provenance = {
  __typename?: 'Provenance';
  /** 提供部门 The department (connector name) that holds the record, e.g. police. */
  department: Scalars['String']['output'];
  /** 是否来自缓存 True when the record was served from the gateway's cache. */
  fromCache: Scalars['Boolean']['output'];
  /** 获取时间 When the department answered. */
  retrievedAt: Scalars['DateTime']['output'];
};

/** 网签购房合同 Online-signed purchase contract, held by 住房和城乡建设 Housing & Urban-Rural Development (housing). */
export type PurchaseContract = {
  __typename?: 'PurchaseContract';
  /** 约定交付日期 Agreed delivery date. */
  agreedDeliveryDate?: Maybe<Scalars['Date']['output']>;
  /** 购房人证件号码 Buyer's citizen ID number. */
  buyerIdNumber: Scalars['String']['output'];
  /** 购房人名称 Buyer's name. */
  buyerName: Scalars['String']['output'];
  /** 共有方式及权利份额 Co-ownership mode and shares. */
  coOwnership?: Maybe<CoOwnership>;
  /** 购房合同号 Contract number. */
  contractNumber: Scalars['String']['output'];
  /** 坐落地址 Location of the property. */
  location?: Maybe<Scalars['String']['output']>;
  /** 规划用途/设计用途 Planned (designed) usage. */
  plannedUsage?: Maybe<Scalars['String']['output']>;
  /** 数据来源 Where and when this record was obtained. */
  provenance: Provenance;
  /** 房屋坐落区划 Region code of the property's location. */
  regionCode: Scalars['String']['output'];
  /** 交易时间 Date of the transaction. */
  signedAt?: Maybe<Scalars['Date']['output']>;
};

/**
 * Why this access happens: every read of a person's data names one.
 * 用途 The enrollment application and county on whose behalf the data is read.
 */
export type Purpose = {
  /** 申请编号 The enrollment application this read serves. */
  applicationId: Scalars['ID']['input'];
  /** 县区代码 The 6-digit region code of the county whose platform handles the application. */
  countyCode: Scalars['String']['input'];
};

/** 查询 The gateway's entry points. */
export type Query = {
  __typename?: 'Query';
  /**
   * 访问预警 What an auditor should look at first over a time window (auditors only): callers
   * reading unusually many people, callers whose reads keep finding no record (guessed ID
   * numbers), callers refused again and again, and reads under closed or expired applications.
   * The console's alerts page shows the same computation.
   */
  accessAlerts: AccessAlerts;
  /** 访问日志 The access log, newest first, filtered and paged (auditors only). */
  accessLogs: AccessLogConnection;
  /** 申请 A registered application (county roles: their own county; auditors: any). Null when none is registered. */
  application?: Maybe<Application>;
  /** 审计链校验 Walks every audit chain and reports whether it is intact. */
  auditIntegrity: AuditIntegrity;
  /**
   * 我的数据访问记录 Who read the signed-in parent's data and their children's, and why, newest
   * first (applicants only). A child counts when the departments link them to the parent (the
   * rule authorization uses); entries about anyone else, the other parent included, are never
   * shown. Each look is itself recorded in the access log.
   */
  myAccessLog: MyAccessLogConnection;
  /** 我的授权 The signed-in resident's consents, newest first (applicants only). */
  myConsents: Array<Consent>;
  /** 多人 Several people's evidence at once (at most 50 ID numbers), in the order asked. */
  people: Array<Maybe<Person>>;
  /** 个人 One person's evidence, read for a purpose. Null when the caller may not see the person. */
  person?: Maybe<Person>;
  /**
   * 大数据信息核验 Verify one enrollment application against the departments' data: decides the
   * enrollment category, whether it is zero-proof, age eligibility, points and the registry draft.
   */
  verifyApplication: Verification;
};


/** 查询 The gateway's entry points. */
export type QueryAccessAlertsArgs = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** 查询 The gateway's entry points. */
export type QueryAccessLogsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AccessLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** 查询 The gateway's entry points. */
export type QueryApplicationArgs = {
  applicationId: Scalars['ID']['input'];
  countyCode: Scalars['String']['input'];
};


/** 查询 The gateway's entry points. */
export type QueryMyAccessLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};


/** 查询 The gateway's entry points. */
export type QueryPeopleArgs = {
  idNumbers: Array<Scalars['String']['input']>;
  purpose: Purpose;
};


/** 查询 The gateway's entry points. */
export type QueryPersonArgs = {
  idNumber: Scalars['String']['input'];
  purpose: Purpose;
};


/** 查询 The gateway's entry points. */
export type QueryVerifyApplicationArgs = {
  input: ApplicationInput;
};

/** 用途 The application and county a person was read for: the purpose of the read, as an answer. */
export type ReadPurpose = {
  __typename?: 'ReadPurpose';
  /** 申请编号 The enrollment application the read serves. */
  applicationId: Scalars['ID']['output'];
  /** 县区代码 The 6-digit region code of the county whose platform handles the application. */
  countyCode: Scalars['String']['output'];
};

/** 预建籍监护人 A guardian on the student registry draft. */
export type RegistryGuardian = {
  __typename?: 'RegistryGuardian';
  /** 身份证号 Citizen ID number. */
  idNumber: Scalars['String']['output'];
  /** 姓名 Name. */
  name: Scalars['String']['output'];
  /** 监护关系 Relation to the child. */
  relation: GuardianRelation;
  /** 核验依据 The evidence that confirmed the relation (e.g. 出生医学证明); null when unconfirmed. */
  verifiedBy?: Maybe<Scalars['String']['output']>;
};

/** 居住证 Residence permit, held by 公安 Public Security (police). */
export type ResidencePermit = {
  __typename?: 'ResidencePermit';
  /** 现居住地址 Current address. */
  currentAddress?: Maybe<Scalars['String']['output']>;
  /** 民族 Ethnicity. */
  ethnicity?: Maybe<Scalars['String']['output']>;
  /** 性别 Gender. */
  gender?: Maybe<Gender>;
  /** 公民身份号码 The citizen ID number. */
  idNumber: Scalars['String']['output'];
  /** 签发机关 Issuing authority. */
  issuingAuthority?: Maybe<Scalars['String']['output']>;
  /** 姓名 Name. */
  name: Scalars['String']['output'];
  /** 数据来源 Where and when this record was obtained. */
  provenance: Provenance;
  /** 签发地区划代码 Region code of the issuing county. */
  regionCode: Scalars['String']['output'];
  /** 户籍所在地 Place of household registration. */
  registeredResidence?: Maybe<Scalars['String']['output']>;
  /** 有效期限（起） Valid from. */
  validFrom?: Maybe<Scalars['Date']['output']>;
  /** 有效期限（止） Valid until. */
  validUntil?: Maybe<Scalars['Date']['output']>;
};

/** 参保缴费证明 Social-insurance payment for one month and insurance type, held by 人力资源社会保障 Human Resources & Social Security (humanResources). */
export type SocialInsurancePayment = {
  __typename?: 'SocialInsurancePayment';
  /** 参保单位名称 Employer's name. */
  employerName?: Maybe<Scalars['String']['output']>;
  /** 身份证号 The citizen ID number. */
  idNumber: Scalars['String']['output'];
  /** 参保险种 Insurance type. */
  insuranceType: InsuranceType;
  /** 姓名 Name. */
  name: Scalars['String']['output'];
  /** 缴纳年月（或账期） Period paid for, YYYY-MM. */
  period: Scalars['String']['output'];
  /** 数据来源 Where and when this record was obtained. */
  provenance: Provenance;
  /** 参保地区划 Region code where the employer pays in. */
  regionCode?: Maybe<Scalars['String']['output']>;
};

/** 学段 School stage applied for. */
export type Stage =
  /** 初中 Junior middle school. */
  | 'JUNIOR'
  /** 小学 Primary school (first grade). */
  | 'PRIMARY';

/** 预建籍 The new student's pre-filled registry record, pushed to the city student registry (学籍). */
export type StudentRegistryDraft = {
  __typename?: 'StudentRegistryDraft';
  /** 出生证号 Birth certificate number. */
  birthCertificateNumber?: Maybe<Scalars['String']['output']>;
  /** 出生日期 Date of birth. */
  birthDate?: Maybe<Scalars['Date']['output']>;
  /** 民族 Ethnicity. */
  ethnicity?: Maybe<Scalars['String']['output']>;
  /** 性别 Gender. */
  gender?: Maybe<Gender>;
  /** 监护人 Guardians. */
  guardians: Array<RegistryGuardian>;
  /** 户籍地址 Household registration address. */
  householdAddress?: Maybe<Scalars['String']['output']>;
  /** 户籍地区划代码 Household registration region code. */
  householdRegionCode?: Maybe<Scalars['String']['output']>;
  /** 户口类型 Household type. */
  householdType?: Maybe<HouseholdType>;
  /** 身份证号 Citizen ID number. */
  idNumber: Scalars['String']['output'];
  /** 姓名 Name. */
  name: Scalars['String']['output'];
  /** 籍贯 Native place. */
  nativePlace?: Maybe<Scalars['String']['output']>;
};

/** 保障性住房合同 Subsidized-housing contract, held by 住房和城乡建设 Housing & Urban-Rural Development (housing). */
export type SubsidizedHousingContract = {
  __typename?: 'SubsidizedHousingContract';
  /** 房屋地址 Address of the dwelling. */
  address?: Maybe<Scalars['String']['output']>;
  /** 申购证号 Application certificate number. */
  applicationCertificateNumber?: Maybe<Scalars['String']['output']>;
  /** 合同终止时间 Contract end. */
  contractEnd?: Maybe<Scalars['Date']['output']>;
  /** 合同开始时间 Contract start. */
  contractStart?: Maybe<Scalars['Date']['output']>;
  /** 合同状态 Contract status, as the department writes it. */
  contractStatus?: Maybe<Scalars['String']['output']>;
  /** 家庭成员 Household members on the contract. */
  members: Array<SubsidizedHousingMember>;
  /** 数据来源 Where and when this record was obtained. */
  provenance: Provenance;
  /** 房屋地址区划 Region code of the dwelling. */
  regionCode: Scalars['String']['output'];
  /** 审核状态 Review status, as the department writes it. */
  reviewStatus?: Maybe<Scalars['String']['output']>;
  /** 保障情况 Subsidy type, as the department writes it. */
  subsidyType?: Maybe<Scalars['String']['output']>;
};

/** 家庭成员 A member of a subsidized-housing household. */
export type SubsidizedHousingMember = {
  __typename?: 'SubsidizedHousingMember';
  /** 身份证号码 Member's citizen ID number. */
  idNumber: Scalars['String']['output'];
  /** 家庭成员姓名 Member's name. */
  name: Scalars['String']['output'];
  /** 与主申请人关系 Relation to the primary applicant. */
  relationToPrimaryApplicant?: Maybe<Scalars['String']['output']>;
};

/** 核验结论 The outcome of verifying one application. */
export type Verification = {
  __typename?: 'Verification';
  /** 适龄 Whether the child is of age; null where no age rule applies (JUNIOR). */
  ageEligible?: Maybe<Scalars['Boolean']['output']>;
  /** 申请编号 The application verified. */
  applicationId: Scalars['ID']['output'];
  /** 招生类型 The enrollment category the data supports. */
  category: EnrollmentCategory;
  /** 核验项 Every check made. */
  checks: Array<Check>;
  /** 需补充材料 The evidence the family must still upload. */
  missingEvidence: Array<EvidenceKind>;
  /** 积分 Points; null where the county does not score. */
  points?: Maybe<Points>;
  /** 预建籍 The registry draft; null when the child's identity could not be confirmed. */
  registryDraft?: Maybe<StudentRegistryDraft>;
  /** 零证明 True when the family needs to upload nothing. */
  zeroProof: Scalars['Boolean']['output'];
};

/** 读取量异常 A caller reading far more people than its peers. */
export type VolumeAlert = {
  __typename?: 'VolumeAlert';
  /** 调用方 Who. */
  caller: AlertCaller;
  /** 中位数 The median caller's distinct people in the same window. */
  medianPeople: Scalars['Int']['output'];
  /** 人数 Distinct people read. */
  people: Scalars['Int']['output'];
  /** 读取次数 Reads in the window. */
  reads: Scalars['Int']['output'];
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Person: Person;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Person:
    ( { __typename: 'Person' }
    & GraphQLRecursivePick<FederationTypes['Person'], {"idNumber":true,"purpose":{"applicationId":true,"countyCode":true}}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AccessAction: AccessAction;
  AccessAlerts: ResolverTypeWrapper<AccessAlerts>;
  AccessLogConnection: ResolverTypeWrapper<AccessLogConnection>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AccessLogEdge: ResolverTypeWrapper<AccessLogEdge>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  AccessLogEntry: ResolverTypeWrapper<AccessLogEntry>;
  AccessLogFilter: AccessLogFilter;
  AccessLogRead: ResolverTypeWrapper<AccessLogRead>;
  AccessOutcome: AccessOutcome;
  AccessSource: AccessSource;
  AlertCaller: ResolverTypeWrapper<AlertCaller>;
  ApplicantPerson: ApplicantPerson;
  Application: ResolverTypeWrapper<ApplicationRecord>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ApplicationInput: ApplicationInput;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  ApplicationMember: ResolverTypeWrapper<ApplicationMember>;
  ApplicationMemberKind: ApplicationMemberKind;
  ApplicationStatus: ApplicationStatus;
  AuditChain: ResolverTypeWrapper<AuditChain>;
  AuditCheckpoint: ResolverTypeWrapper<AuditCheckpoint>;
  AuditIntegrity: ResolverTypeWrapper<AuditIntegrity>;
  BirthCertificate: ResolverTypeWrapper<EvidenceParent<'BirthCertificate'>>;
  CacheEviction: ResolverTypeWrapper<CacheEviction>;
  Check: ResolverTypeWrapper<Check>;
  CheckStatus: CheckStatus;
  ClosedApplicationAlert: ResolverTypeWrapper<ClosedApplicationAlert>;
  CoOwner: ResolverTypeWrapper<CoOwner>;
  CoOwnership: ResolverTypeWrapper<CoOwnership>;
  CoOwnershipMode: CoOwnershipMode;
  Consent: ResolverTypeWrapper<Consent>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeniedAlert: ResolverTypeWrapper<DeniedAlert>;
  EnrollmentCategory: EnrollmentCategory;
  EnterpriseLicense: ResolverTypeWrapper<EvidenceParent<'EnterpriseLicense'>>;
  EvidenceKind: EvidenceKind;
  ExpiredApplicationAlert: ResolverTypeWrapper<ExpiredApplicationAlert>;
  Gender: Gender;
  Guardian: Guardian;
  GuardianRelation: GuardianRelation;
  HouseholdRegistration: ResolverTypeWrapper<EvidenceParent<'HouseholdRegistration'>>;
  HouseholdType: HouseholdType;
  IndividualBusinessLicense: ResolverTypeWrapper<EvidenceParent<'IndividualBusinessLicense'>>;
  InsuranceType: InsuranceType;
  LeaseFiling: ResolverTypeWrapper<EvidenceParent<'LeaseFiling'>>;
  MarriageRegistration: ResolverTypeWrapper<EvidenceParent<'MarriageRegistration'>>;
  MarriageStatus: MarriageStatus;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  MyAccessLogConnection: ResolverTypeWrapper<MyAccessLogConnection>;
  MyAccessLogEdge: ResolverTypeWrapper<MyAccessLogEdge>;
  MyAccessLogEntry: ResolverTypeWrapper<MyAccessLogEntry>;
  MyAccessLogSubject: MyAccessLogSubject;
  NoRecordAlert: ResolverTypeWrapper<NoRecordAlert>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Person: ResolverTypeWrapper<PersonParent>;
  PiiKind: PiiKind;
  Points: ResolverTypeWrapper<Points>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  PointsItem: ResolverTypeWrapper<PointsItem>;
  PointsItemKind: PointsItemKind;
  PropertyCertificate: ResolverTypeWrapper<EvidenceParent<'PropertyCertificate'>>;
  Provenance: ResolverTypeWrapper<Provenance>;
  PurchaseContract: ResolverTypeWrapper<EvidenceParent<'PurchaseContract'>>;
  Purpose: Purpose;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ReadPurpose: ResolverTypeWrapper<ReadPurpose>;
  RegistryGuardian: ResolverTypeWrapper<RegistryGuardian>;
  ResidencePermit: ResolverTypeWrapper<EvidenceParent<'ResidencePermit'>>;
  SocialInsurancePayment: ResolverTypeWrapper<EvidenceParent<'SocialInsurancePayment'>>;
  Stage: Stage;
  StudentRegistryDraft: ResolverTypeWrapper<StudentRegistryDraft>;
  SubsidizedHousingContract: ResolverTypeWrapper<EvidenceParent<'SubsidizedHousingContract'>>;
  SubsidizedHousingMember: ResolverTypeWrapper<SubsidizedHousingMember>;
  Verification: ResolverTypeWrapper<Verification>;
  VolumeAlert: ResolverTypeWrapper<VolumeAlert>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AccessAlerts: AccessAlerts;
  AccessLogConnection: AccessLogConnection;
  Int: Scalars['Int']['output'];
  AccessLogEdge: AccessLogEdge;
  String: Scalars['String']['output'];
  AccessLogEntry: AccessLogEntry;
  AccessLogFilter: AccessLogFilter;
  AccessLogRead: AccessLogRead;
  AlertCaller: AlertCaller;
  ApplicantPerson: ApplicantPerson;
  Application: ApplicationRecord;
  ID: Scalars['ID']['output'];
  ApplicationInput: ApplicationInput;
  Boolean: Scalars['Boolean']['output'];
  ApplicationMember: ApplicationMember;
  AuditChain: AuditChain;
  AuditCheckpoint: AuditCheckpoint;
  AuditIntegrity: AuditIntegrity;
  BirthCertificate: EvidenceParent<'BirthCertificate'>;
  CacheEviction: CacheEviction;
  Check: Check;
  ClosedApplicationAlert: ClosedApplicationAlert;
  CoOwner: CoOwner;
  CoOwnership: CoOwnership;
  Consent: Consent;
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DeniedAlert: DeniedAlert;
  EnterpriseLicense: EvidenceParent<'EnterpriseLicense'>;
  ExpiredApplicationAlert: ExpiredApplicationAlert;
  Guardian: Guardian;
  HouseholdRegistration: EvidenceParent<'HouseholdRegistration'>;
  IndividualBusinessLicense: EvidenceParent<'IndividualBusinessLicense'>;
  LeaseFiling: EvidenceParent<'LeaseFiling'>;
  MarriageRegistration: EvidenceParent<'MarriageRegistration'>;
  Mutation: Record<PropertyKey, never>;
  MyAccessLogConnection: MyAccessLogConnection;
  MyAccessLogEdge: MyAccessLogEdge;
  MyAccessLogEntry: MyAccessLogEntry;
  NoRecordAlert: NoRecordAlert;
  PageInfo: PageInfo;
  Person: PersonParent;
  Points: Points;
  Float: Scalars['Float']['output'];
  PointsItem: PointsItem;
  PropertyCertificate: EvidenceParent<'PropertyCertificate'>;
  Provenance: Provenance;
  PurchaseContract: EvidenceParent<'PurchaseContract'>;
  Purpose: Purpose;
  Query: Record<PropertyKey, never>;
  ReadPurpose: ReadPurpose;
  RegistryGuardian: RegistryGuardian;
  ResidencePermit: EvidenceParent<'ResidencePermit'>;
  SocialInsurancePayment: EvidenceParent<'SocialInsurancePayment'>;
  StudentRegistryDraft: StudentRegistryDraft;
  SubsidizedHousingContract: EvidenceParent<'SubsidizedHousingContract'>;
  SubsidizedHousingMember: SubsidizedHousingMember;
  Verification: Verification;
  VolumeAlert: VolumeAlert;
};

export type PiiDirectiveArgs = {
  kind: PiiKind;
};

export type PiiDirectiveResolver<Result, Parent, ContextType = GatewayContext, Args = PiiDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AccessAlertsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AccessAlerts'] = ResolversParentTypes['AccessAlerts']> = {
  closedApplications?: Resolver<Array<ResolversTypes['ClosedApplicationAlert']>, ParentType, ContextType>;
  denied?: Resolver<Array<ResolversTypes['DeniedAlert']>, ParentType, ContextType>;
  expiredApplications?: Resolver<Array<ResolversTypes['ExpiredApplicationAlert']>, ParentType, ContextType>;
  from?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  noRecord?: Resolver<Array<ResolversTypes['NoRecordAlert']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  volume?: Resolver<Array<ResolversTypes['VolumeAlert']>, ParentType, ContextType>;
};

export type AccessLogConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AccessLogConnection'] = ResolversParentTypes['AccessLogConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AccessLogEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type AccessLogEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AccessLogEdge'] = ResolversParentTypes['AccessLogEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AccessLogEntry'], ParentType, ContextType>;
};

export type AccessLogEntryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AccessLogEntry'] = ResolversParentTypes['AccessLogEntry']> = {
  action?: Resolver<ResolversTypes['AccessAction'], ParentType, ContextType>;
  actorCounty?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  actorRole?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actorSubject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  applicationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  chainId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  countyCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  department?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  evidence?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AccessOutcome'], ParentType, ContextType>;
  prevHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reads?: Resolver<Array<ResolversTypes['AccessLogRead']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['AccessSource']>, ParentType, ContextType>;
  subjectHash?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AccessLogReadResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AccessLogRead'] = ResolversParentTypes['AccessLogRead']> = {
  department?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  evidence?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AlertCallerResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AlertCaller'] = ResolversParentTypes['AlertCaller']> = {
  county?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ApplicationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Application'] = ResolversParentTypes['Application']> = {
  applicationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  closeReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  countyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['ApplicationMember']>, ParentType, ContextType>;
  registeredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  registeredRole?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  schoolYear?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stage?: Resolver<ResolversTypes['Stage'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ApplicationStatus'], ParentType, ContextType>;
};

export type ApplicationMemberResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ApplicationMember'] = ResolversParentTypes['ApplicationMember']> = {
  kind?: Resolver<ResolversTypes['ApplicationMemberKind'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  subjectHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditChainResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AuditChain'] = ResolversParentTypes['AuditChain']> = {
  archivedEntries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  chainId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  entries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstBrokenSeq?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  lastCheckpoint?: Resolver<Maybe<ResolversTypes['AuditCheckpoint']>, ParentType, ContextType>;
  lastHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastSeq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  problem?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reachesCheckpoint?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
};

export type AuditCheckpointResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AuditCheckpoint'] = ResolversParentTypes['AuditCheckpoint']> = {
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  hash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  seq?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  signature?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AuditIntegrityResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['AuditIntegrity'] = ResolversParentTypes['AuditIntegrity']> = {
  chains?: Resolver<Array<ResolversTypes['AuditChain']>, ParentType, ContextType>;
  entries?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ok?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  verifiedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type BirthCertificateResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['BirthCertificate'] = ResolversParentTypes['BirthCertificate']> = {
  birthDate?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  certificateNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  childName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fatherIdNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fatherName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  motherIdNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  motherName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
};

export type CacheEvictionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CacheEviction'] = ResolversParentTypes['CacheEviction']> = {
  evicted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CheckResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Check'] = ResolversParentTypes['Check']> = {
  department?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  detail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['CheckStatus'], ParentType, ContextType>;
};

export type ClosedApplicationAlertResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ClosedApplicationAlert'] = ResolversParentTypes['ClosedApplicationAlert']> = {
  actorSubject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  allowed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  applicationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  closedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  countyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reads?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CoOwnerResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CoOwner'] = ResolversParentTypes['CoOwner']> = {
  idNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  share?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CoOwnershipResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['CoOwnership'] = ResolversParentTypes['CoOwnership']> = {
  coOwners?: Resolver<Array<ResolversTypes['CoOwner']>, ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['CoOwnershipMode'], ParentType, ContextType>;
};

export type ConsentResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Consent'] = ResolversParentTypes['Consent']> = {
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  applicationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  countyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  grantedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeniedAlertResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['DeniedAlert'] = ResolversParentTypes['DeniedAlert']> = {
  caller?: Resolver<ResolversTypes['AlertCaller'], ParentType, ContextType>;
  denied?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  people?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type EnterpriseLicenseResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['EnterpriseLicense'] = ResolversParentTypes['EnterpriseLicense']> = {
  creditCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  enterpriseName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  legalRepresentativeName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  licenseName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  registeredAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  registeredOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
};

export type ExpiredApplicationAlertResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ExpiredApplicationAlert'] = ResolversParentTypes['ExpiredApplicationAlert']> = {
  actorSubject?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  applicationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  countyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lastAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reads?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type HouseholdRegistrationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['HouseholdRegistration'] = ResolversParentTypes['HouseholdRegistration']> = {
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  birthDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  ethnicity?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gender?: Resolver<Maybe<ResolversTypes['Gender']>, ParentType, ContextType>;
  headOfHouseholdName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  householdNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  householdType?: Resolver<Maybe<ResolversTypes['HouseholdType']>, ParentType, ContextType>;
  idNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  issuingAuthority?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nativePlace?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  regionName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  relationToHeadCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  relationToHeadName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type IndividualBusinessLicenseResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['IndividualBusinessLicense'] = ResolversParentTypes['IndividualBusinessLicense']> = {
  businessAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  creditCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  establishedOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  operatorIdNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operatorName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LeaseFilingResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['LeaseFiling'] = ResolversParentTypes['LeaseFiling']> = {
  filingNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  leaseEnd?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  leaseStart?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  lesseeIdNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lesseeName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lessorIdNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lessorName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  propertyCertificateNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MarriageRegistrationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MarriageRegistration'] = ResolversParentTypes['MarriageRegistration']> = {
  husbandIdNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  husbandName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  registeredOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['MarriageStatus'], ParentType, ContextType>;
  wifeIdNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  wifeName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  closeApplication?: Resolver<ResolversTypes['Application'], ParentType, ContextType, RequireFields<MutationCloseApplicationArgs, 'applicationId' | 'countyCode' | 'reason'>>;
  evictPersonCache?: Resolver<ResolversTypes['CacheEviction'], ParentType, ContextType, RequireFields<MutationEvictPersonCacheArgs, 'idNumber'>>;
  grantConsent?: Resolver<ResolversTypes['Consent'], ParentType, ContextType, RequireFields<MutationGrantConsentArgs, 'applicationId' | 'countyCode'>>;
  registerApplication?: Resolver<ResolversTypes['Application'], ParentType, ContextType, RequireFields<MutationRegisterApplicationArgs, 'input'>>;
  revokeConsent?: Resolver<ResolversTypes['Consent'], ParentType, ContextType, RequireFields<MutationRevokeConsentArgs, 'applicationId'>>;
};

export type MyAccessLogConnectionResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MyAccessLogConnection'] = ResolversParentTypes['MyAccessLogConnection']> = {
  edges?: Resolver<Array<ResolversTypes['MyAccessLogEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type MyAccessLogEdgeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MyAccessLogEdge'] = ResolversParentTypes['MyAccessLogEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['MyAccessLogEntry'], ParentType, ContextType>;
};

export type MyAccessLogEntryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['MyAccessLogEntry'] = ResolversParentTypes['MyAccessLogEntry']> = {
  action?: Resolver<ResolversTypes['AccessAction'], ParentType, ContextType>;
  actorCountyCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  actorRole?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  applicationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  childBirthDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  departmentName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  evidence?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  evidenceName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  organisation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AccessOutcome'], ParentType, ContextType>;
  sentence?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['AccessSource']>, ParentType, ContextType>;
  subject?: Resolver<ResolversTypes['MyAccessLogSubject'], ParentType, ContextType>;
};

export type NoRecordAlertResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['NoRecordAlert'] = ResolversParentTypes['NoRecordAlert']> = {
  caller?: Resolver<ResolversTypes['AlertCaller'], ParentType, ContextType>;
  lastAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  people?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unknownPeople?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PersonResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Person'] = ResolversParentTypes['Person'], FederationReferenceType extends FederationReferenceTypes['Person'] = FederationReferenceTypes['Person']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Person']> | FederationReferenceType, FederationReferenceType, ContextType>;
  birthCertificates?: Resolver<Maybe<Array<ResolversTypes['BirthCertificate']>>, ParentType, ContextType>;
  enterprises?: Resolver<Maybe<Array<ResolversTypes['EnterpriseLicense']>>, ParentType, ContextType>;
  household?: Resolver<Maybe<ResolversTypes['HouseholdRegistration']>, ParentType, ContextType>;
  idNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  individualBusinesses?: Resolver<Maybe<Array<ResolversTypes['IndividualBusinessLicense']>>, ParentType, ContextType>;
  leaseFilings?: Resolver<Maybe<Array<ResolversTypes['LeaseFiling']>>, ParentType, ContextType>;
  marriages?: Resolver<Maybe<Array<ResolversTypes['MarriageRegistration']>>, ParentType, ContextType>;
  properties?: Resolver<Maybe<Array<ResolversTypes['PropertyCertificate']>>, ParentType, ContextType>;
  purchaseContracts?: Resolver<Maybe<Array<ResolversTypes['PurchaseContract']>>, ParentType, ContextType>;
  purpose?: Resolver<ResolversTypes['ReadPurpose'], ParentType, ContextType>;
  residencePermits?: Resolver<Maybe<Array<ResolversTypes['ResidencePermit']>>, ParentType, ContextType>;
  socialInsurance?: Resolver<Maybe<Array<ResolversTypes['SocialInsurancePayment']>>, ParentType, ContextType, Partial<PersonSocialInsuranceArgs>>;
  subsidizedHousing?: Resolver<Maybe<Array<ResolversTypes['SubsidizedHousingContract']>>, ParentType, ContextType>;
};

export type PointsResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Points'] = ResolversParentTypes['Points']> = {
  items?: Resolver<Array<ResolversTypes['PointsItem']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type PointsItemResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PointsItem'] = ResolversParentTypes['PointsItem']> = {
  detail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  evidence?: Resolver<Array<ResolversTypes['EvidenceKind']>, ParentType, ContextType>;
  item?: Resolver<ResolversTypes['PointsItemKind'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type PropertyCertificateResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PropertyCertificate'] = ResolversParentTypes['PropertyCertificate']> = {
  certificateNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  coOwnership?: Resolver<Maybe<ResolversTypes['CoOwnership']>, ParentType, ContextType>;
  holderIdNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  holderName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  registeredOn?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  rightNature?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  rightType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  status?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  usage?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ProvenanceResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Provenance'] = ResolversParentTypes['Provenance']> = {
  department?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fromCache?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  retrievedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type PurchaseContractResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['PurchaseContract'] = ResolversParentTypes['PurchaseContract']> = {
  agreedDeliveryDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  buyerIdNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  buyerName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  coOwnership?: Resolver<Maybe<ResolversTypes['CoOwnership']>, ParentType, ContextType>;
  contractNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  plannedUsage?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signedAt?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  accessAlerts?: Resolver<ResolversTypes['AccessAlerts'], ParentType, ContextType, Partial<QueryAccessAlertsArgs>>;
  accessLogs?: Resolver<ResolversTypes['AccessLogConnection'], ParentType, ContextType, Partial<QueryAccessLogsArgs>>;
  application?: Resolver<Maybe<ResolversTypes['Application']>, ParentType, ContextType, RequireFields<QueryApplicationArgs, 'applicationId' | 'countyCode'>>;
  auditIntegrity?: Resolver<ResolversTypes['AuditIntegrity'], ParentType, ContextType>;
  myAccessLog?: Resolver<ResolversTypes['MyAccessLogConnection'], ParentType, ContextType, Partial<QueryMyAccessLogArgs>>;
  myConsents?: Resolver<Array<ResolversTypes['Consent']>, ParentType, ContextType>;
  people?: Resolver<Array<Maybe<ResolversTypes['Person']>>, ParentType, ContextType, RequireFields<QueryPeopleArgs, 'idNumbers' | 'purpose'>>;
  person?: Resolver<Maybe<ResolversTypes['Person']>, ParentType, ContextType, RequireFields<QueryPersonArgs, 'idNumber' | 'purpose'>>;
  verifyApplication?: Resolver<ResolversTypes['Verification'], ParentType, ContextType, RequireFields<QueryVerifyApplicationArgs, 'input'>>;
};

export type ReadPurposeResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ReadPurpose'] = ResolversParentTypes['ReadPurpose']> = {
  applicationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  countyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RegistryGuardianResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['RegistryGuardian'] = ResolversParentTypes['RegistryGuardian']> = {
  idNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  relation?: Resolver<ResolversTypes['GuardianRelation'], ParentType, ContextType>;
  verifiedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ResidencePermitResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['ResidencePermit'] = ResolversParentTypes['ResidencePermit']> = {
  currentAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ethnicity?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gender?: Resolver<Maybe<ResolversTypes['Gender']>, ParentType, ContextType>;
  idNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  issuingAuthority?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  registeredResidence?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  validFrom?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  validUntil?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
};

export type SocialInsurancePaymentResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['SocialInsurancePayment'] = ResolversParentTypes['SocialInsurancePayment']> = {
  employerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  idNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  insuranceType?: Resolver<ResolversTypes['InsuranceType'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  period?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  regionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type StudentRegistryDraftResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['StudentRegistryDraft'] = ResolversParentTypes['StudentRegistryDraft']> = {
  birthCertificateNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  birthDate?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  ethnicity?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  gender?: Resolver<Maybe<ResolversTypes['Gender']>, ParentType, ContextType>;
  guardians?: Resolver<Array<ResolversTypes['RegistryGuardian']>, ParentType, ContextType>;
  householdAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  householdRegionCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  householdType?: Resolver<Maybe<ResolversTypes['HouseholdType']>, ParentType, ContextType>;
  idNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nativePlace?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SubsidizedHousingContractResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['SubsidizedHousingContract'] = ResolversParentTypes['SubsidizedHousingContract']> = {
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  applicationCertificateNumber?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  contractEnd?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  contractStart?: Resolver<Maybe<ResolversTypes['Date']>, ParentType, ContextType>;
  contractStatus?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['SubsidizedHousingMember']>, ParentType, ContextType>;
  provenance?: Resolver<ResolversTypes['Provenance'], ParentType, ContextType>;
  regionCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reviewStatus?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  subsidyType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SubsidizedHousingMemberResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['SubsidizedHousingMember'] = ResolversParentTypes['SubsidizedHousingMember']> = {
  idNumber?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  relationToPrimaryApplicant?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type VerificationResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['Verification'] = ResolversParentTypes['Verification']> = {
  ageEligible?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  applicationId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  category?: Resolver<ResolversTypes['EnrollmentCategory'], ParentType, ContextType>;
  checks?: Resolver<Array<ResolversTypes['Check']>, ParentType, ContextType>;
  missingEvidence?: Resolver<Array<ResolversTypes['EvidenceKind']>, ParentType, ContextType>;
  points?: Resolver<Maybe<ResolversTypes['Points']>, ParentType, ContextType>;
  registryDraft?: Resolver<Maybe<ResolversTypes['StudentRegistryDraft']>, ParentType, ContextType>;
  zeroProof?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type VolumeAlertResolvers<ContextType = GatewayContext, ParentType extends ResolversParentTypes['VolumeAlert'] = ResolversParentTypes['VolumeAlert']> = {
  caller?: Resolver<ResolversTypes['AlertCaller'], ParentType, ContextType>;
  medianPeople?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  people?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reads?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GatewayContext> = {
  AccessAlerts?: AccessAlertsResolvers<ContextType>;
  AccessLogConnection?: AccessLogConnectionResolvers<ContextType>;
  AccessLogEdge?: AccessLogEdgeResolvers<ContextType>;
  AccessLogEntry?: AccessLogEntryResolvers<ContextType>;
  AccessLogRead?: AccessLogReadResolvers<ContextType>;
  AlertCaller?: AlertCallerResolvers<ContextType>;
  Application?: ApplicationResolvers<ContextType>;
  ApplicationMember?: ApplicationMemberResolvers<ContextType>;
  AuditChain?: AuditChainResolvers<ContextType>;
  AuditCheckpoint?: AuditCheckpointResolvers<ContextType>;
  AuditIntegrity?: AuditIntegrityResolvers<ContextType>;
  BirthCertificate?: BirthCertificateResolvers<ContextType>;
  CacheEviction?: CacheEvictionResolvers<ContextType>;
  Check?: CheckResolvers<ContextType>;
  ClosedApplicationAlert?: ClosedApplicationAlertResolvers<ContextType>;
  CoOwner?: CoOwnerResolvers<ContextType>;
  CoOwnership?: CoOwnershipResolvers<ContextType>;
  Consent?: ConsentResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DeniedAlert?: DeniedAlertResolvers<ContextType>;
  EnterpriseLicense?: EnterpriseLicenseResolvers<ContextType>;
  ExpiredApplicationAlert?: ExpiredApplicationAlertResolvers<ContextType>;
  HouseholdRegistration?: HouseholdRegistrationResolvers<ContextType>;
  IndividualBusinessLicense?: IndividualBusinessLicenseResolvers<ContextType>;
  LeaseFiling?: LeaseFilingResolvers<ContextType>;
  MarriageRegistration?: MarriageRegistrationResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  MyAccessLogConnection?: MyAccessLogConnectionResolvers<ContextType>;
  MyAccessLogEdge?: MyAccessLogEdgeResolvers<ContextType>;
  MyAccessLogEntry?: MyAccessLogEntryResolvers<ContextType>;
  NoRecordAlert?: NoRecordAlertResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Person?: PersonResolvers<ContextType>;
  Points?: PointsResolvers<ContextType>;
  PointsItem?: PointsItemResolvers<ContextType>;
  PropertyCertificate?: PropertyCertificateResolvers<ContextType>;
  Provenance?: ProvenanceResolvers<ContextType>;
  PurchaseContract?: PurchaseContractResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ReadPurpose?: ReadPurposeResolvers<ContextType>;
  RegistryGuardian?: RegistryGuardianResolvers<ContextType>;
  ResidencePermit?: ResidencePermitResolvers<ContextType>;
  SocialInsurancePayment?: SocialInsurancePaymentResolvers<ContextType>;
  StudentRegistryDraft?: StudentRegistryDraftResolvers<ContextType>;
  SubsidizedHousingContract?: SubsidizedHousingContractResolvers<ContextType>;
  SubsidizedHousingMember?: SubsidizedHousingMemberResolvers<ContextType>;
  Verification?: VerificationResolvers<ContextType>;
  VolumeAlert?: VolumeAlertResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = GatewayContext> = {
  pii?: PiiDirectiveResolver<any, any, ContextType>;
};
