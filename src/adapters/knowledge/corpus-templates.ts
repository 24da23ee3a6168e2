// The sentences the generated knowledge corpus is built from, per kind of article. Each template is a
// function of the article's material (category, unit, keywords, district, numbers), so thousands of
// articles read like the hand-written ones without being copies of each other.

export interface Material {
  readonly sub: string;
  readonly major: string;
  readonly unit: string;
  readonly keyword: string;
  readonly other: string;
  readonly district: string;
  readonly n: number;
  readonly m: number;
  readonly year: number;
}

type Line = (x: Material) => string;

export const DISTRICTS = ['东城区', '西城区', '南湖区', '青山镇', '高新区', '经开区', '北湖新区', '临江区'];

/**
 * Titles name the subcategory, not the dispatch keywords: the keywords go into the bodies. A corpus of
 * thousands of titles made of the exact words callers type would bury every specific article under
 * near-copies, which a real knowledge base (one article per matter) does not do.
 */
export const TITLES: Record<'policy' | 'guide' | 'faq' | 'contact', Line[]> = {
  policy: [
    (x) => `${x.sub}管理办法（${x.year}年修订）`,
    (x) => `关于加强${x.sub}工作的实施意见`,
    (x) => `${x.district}${x.sub}专项整治工作方案`,
    (x) => `${x.sub}服务规范（${x.year}版）`,
    (x) => `${x.major}领域${x.sub}工作规则`,
  ],
  guide: [
    (x) => `${x.sub}办事流程`,
    (x) => `${x.district}${x.sub}服务事项`,
    (x) => `${x.sub}申请材料（${x.district}）`,
    (x) => `${x.sub}线上办理指引（第${x.n}版）`,
    (x) => `${x.major}事项${x.sub}服务说明`,
  ],
  faq: [
    (x) => `${x.sub}问题怎么反映？`,
    (x) => `${x.sub}归哪个部门管？`,
    (x) => `${x.district}${x.sub}问题多久能处理？`,
    (x) => `反映${x.sub}问题需要什么材料？`,
    (x) => `${x.major}方面的${x.sub}常见问题`,
  ],
  contact: [
    (x) => `${x.district}${x.sub}咨询电话`,
    (x) => `${x.unit}${x.sub}服务网点`,
    (x) => `${x.sub}值班联系方式（${x.district}）`,
  ],
};

export const BODIES: Record<'policy' | 'guide' | 'faq' | 'contact', Line[]> = {
  policy: [
    (x) => `为规范本市${x.sub}工作，保障群众合法权益，结合本市实际，制定本办法。`,
    (x) => `${x.unit}负责全市${x.sub}的监督管理，各区、街道按照职责做好${x.major}相关工作。`,
    (x) => `涉及${x.keyword}的，由${x.unit}会同${x.district}属地街道办事处在${x.n}个工作日内处理。`,
    (x) => `对违反本办法规定的，责令限期改正，可以处${x.n * 100}元以上${x.m * 1000}元以下罚款。`,
    (x) => `本办法自${x.year}年${(x.n % 12) + 1}月1日起施行，有效期${(x.m % 5) + 1}年。`,
    (x) => `${x.other}按照有关规定另行处理，不适用本办法。`,
  ],
  guide: [
    (x) => `办理${x.sub}事项，第一步在一网通办平台或${x.district}政务服务中心${x.n}号窗口提交申请。`,
    (x) => `需要准备的材料包括申请表、身份证明和${x.keyword}相关证明，复印件一份。`,
    (x) => `${x.unit}自受理之日起${x.m}个工作日内办结，办理进度可以通过短信查询。`,
    () => `窗口工作时间为工作日上午9时至12时、下午13时30分至17时，节假日不对外办公。`,
    (x) => `材料不全的，窗口一次性告知需要补正的内容；办理${x.other}的，请另行预约。`,
  ],
  faq: [
    (x) => `遇到${x.keyword}的情况，可以先与对方协商，协商不成的，拨打热线反映。`,
    (x) => `${x.sub}问题由${x.unit}负责，${x.district}范围内的由属地街道配合核实。`,
    (x) => `反映时请说明具体地址、发生时间和联系方式，方便承办单位在${x.n}个工作日内回复。`,
    (x) => `属于${x.other}的，按照${x.major}相关规定办理。`,
    (x) => `对处理结果不满意的，可以在收到答复后${x.m}日内申请复核。`,
  ],
  contact: [
    (x) => `${x.unit}${x.sub}咨询电话0571-8${String(1000000 + x.n * 7919 + x.m).slice(-7)}，工作日8时30分至17时30分接听。`,
    (x) => `服务地址在${x.district}人民路${x.n}号${x.unit}服务大厅${(x.m % 3) + 1}楼。`,
    (x) => `${x.keyword}等紧急情况请拨打24小时值班电话，其他事项可以在工作时间咨询。`,
    (x) => `${x.other}相关问题请联系${x.district}政务服务中心。`,
  ],
};
