// Jining's county-level units. The eleven districts, counties and cities are the Ministry of
// Civil Affairs' administrative division codes (民政部 县级以上行政区划代码) under 370800. The
// three functional zones are not administrative divisions; their codes are the statistical
// division codes (国家统计局 统计用区划代码) under which they enroll pupils on their own.

/** Jining city (地级市) */
export const JINING_CITY_CODE = '370800';

/** county-level code -> name */
export const JINING_COUNTIES: Readonly<Record<string, string>> = Object.freeze({
  '370811': '任城区',
  '370812': '兖州区',
  '370826': '微山县',
  '370827': '鱼台县',
  '370828': '金乡县',
  '370829': '嘉祥县',
  '370830': '汶上县',
  '370831': '泗水县',
  '370832': '梁山县',
  '370881': '曲阜市',
  '370883': '邹城市',
  '370871': '济宁高新技术产业开发区',
  '370872': '济宁太白湖新区',
  '370873': '济宁经济技术开发区',
});

export const JINING_COUNTY_CODES: readonly string[] = Object.freeze(Object.keys(JINING_COUNTIES));

/** The functional zones: enroll on their own, but no resident was ever born "in" them (ID numbers use the old county codes). */
export const JINING_FUNCTIONAL_ZONES: readonly string[] = Object.freeze(['370871', '370872', '370873']);

export function isJiningCounty(code: string): boolean {
  return Object.prototype.hasOwnProperty.call(JINING_COUNTIES, code);
}

export function countyName(code: string): string | undefined {
  return isJiningCounty(code) ? JINING_COUNTIES[code] : undefined;
}
