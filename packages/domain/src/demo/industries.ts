import type { catalogueListingKinds } from '../enterprise/profile.ts';
import type { FrontierTag } from './places.ts';

export type CatalogueListingKind = (typeof catalogueListingKinds)[number];

export type NameWord = readonly [zh: string, en: string];

export interface Industry {
  /** Section letter and class digits, e.g. C3973. */
  readonly code: string;
  readonly weight: number;
  /** Name words that fit this class better than the tag's general ones. */
  readonly words?: readonly NameWord[];
}

/**
 * What each frontier tag looks like as a business: the GB/T 4754-2017 classes its firms register under,
 * the industry words of their names, their projects, the catalogues their products enter, and the
 * economics the size model draws from (medians; the spread is in enterprises.ts).
 */
export interface TagProfile {
  /** GB/T 4754-2017 classes (section letter and 4 digits) its firms register under. */
  readonly industries: readonly Industry[];
  /** Industry words of company names (行业表述) with their English, for a class without words of its own. */
  readonly words: readonly NameWord[];
  /** Research topics; a project is a topic and a phase. */
  readonly topics: readonly string[];
  /** Catalogue entries its products could be listed under, by catalogue. */
  readonly catalogue: Readonly<Partial<Record<CatalogueListingKind, readonly string[]>>>;
  /** Median yearly revenue per employee, yuan. */
  readonly revenuePerStaff: number;
  /** Median R&D / revenue of a growth-stage firm. */
  readonly rdIntensity: number;
  /** Mean share of technical staff. */
  readonly techShare: number;
  /** Relative propensity to hold class-I IP (invention patents). */
  readonly inventiveness: number;
  /** Relative headcount (manufacturing employs more people than software at the same stage). */
  readonly headcount: number;
  /** Tags firms of this tag often carry as well. */
  readonly alsoTagged: readonly FrontierTag[];
}

export const TAG_PROFILES: Readonly<Record<FrontierTag, TagProfile>> = {
  ic: {
    industries: [
      {
        code: 'I6520',
        weight: 5,
        words: [
          ['集成电路', 'Integrated Circuit'],
          ['微电子', 'Microelectronics'],
          ['芯片设计', 'Chip Design'],
        ],
      }, // 集成电路设计
      {
        code: 'C3973',
        weight: 3,
        words: [
          ['集成电路', 'Integrated Circuit'],
          ['半导体', 'Semiconductor'],
        ],
      }, // 集成电路制造
      {
        code: 'C3562',
        weight: 2,
        words: [
          ['半导体设备', 'Semiconductor Equipment'],
          ['半导体装备', 'Semiconductor Equipment'],
        ],
      }, // 半导体器件专用设备制造
      {
        code: 'C3976',
        weight: 1,
        words: [
          ['光电子', 'Optoelectronics'],
          ['光电科技', 'Photoelectric Technology'],
        ],
      }, // 光电子器件制造
      {
        code: 'C3972',
        weight: 1,
        words: [
          ['半导体', 'Semiconductor'],
          ['功率半导体', 'Power Semiconductor'],
        ],
      }, // 半导体分立器件制造
    ],
    words: [
      ['微电子', 'Microelectronics'],
      ['半导体', 'Semiconductor'],
      ['集成电路', 'Integrated Circuit'],
      ['电子科技', 'Electronic Technology'],
    ],
    topics: [
      '车规级功率芯片',
      '碳化硅MOSFET器件',
      '高速SerDes接口IP',
      '先进封装键合工艺',
      '射频前端模组',
      '存算一体芯片',
      '12英寸刻蚀设备关键部件',
    ],
    catalogue: {
      first_set_equipment: ['12英寸等离子体刻蚀机', '晶圆键合设备', '化学机械抛光设备'],
      new_materials_first_batch: ['电子级多晶硅', '12英寸硅片', 'ArF光刻胶'],
    },
    revenuePerStaff: 700_000,
    rdIntensity: 0.056,
    techShare: 0.35,
    inventiveness: 1.8,
    headcount: 1,
    alsoTagged: ['ai', 'new_materials'],
  },
  ai: {
    industries: [
      { code: 'I6513', weight: 5 }, // 应用软件开发
      { code: 'I6511', weight: 1 }, // 基础软件开发
      { code: 'I6531', weight: 2 }, // 信息系统集成服务
      { code: 'I6550', weight: 1 }, // 信息处理和存储支持服务
      { code: 'I6560', weight: 1 }, // 信息技术咨询服务
    ],
    words: [
      ['智能科技', 'Intelligent Technology'],
      ['人工智能科技', 'Artificial Intelligence Technology'],
      ['信息技术', 'Information Technology'],
      ['数据科技', 'Data Technology'],
      ['软件', 'Software'],
    ],
    topics: [
      '工业视觉缺陷检测大模型',
      '多模态文档理解平台',
      '智能客服语义引擎',
      '边缘推理加速框架',
      '医学影像辅助诊断算法',
      '自动驾驶感知算法',
    ],
    catalogue: {
      first_version_software: [
        '工业互联网平台软件',
        '智能决策分析平台',
        '大模型推理服务平台',
        '工业设计仿真软件',
      ],
    },
    revenuePerStaff: 400_000,
    rdIntensity: 0.063,
    techShare: 0.4,
    inventiveness: 0.8,
    headcount: 0.8,
    alsoTagged: ['humanoid_robots', 'low_altitude', 'biomedicine'],
  },
  biomedicine: {
    industries: [
      {
        code: 'C2720',
        weight: 2,
        words: [
          ['药业', 'Pharmaceutical'],
          ['制药', 'Pharmaceutical'],
          ['医药科技', 'Pharmaceutical Technology'],
        ],
      }, // 化学药品制剂制造
      {
        code: 'C2761',
        weight: 2,
        words: [
          ['生物医药', 'Biopharmaceutical'],
          ['生物制药', 'Biopharmaceutical'],
          ['生物科技', 'Biotechnology'],
        ],
      }, // 生物药品制造
      {
        code: 'C2762',
        weight: 1,
        words: [
          ['生物医药', 'Biopharmaceutical'],
          ['生物技术', 'Biotech'],
        ],
      }, // 基因工程药物和疫苗制造
      {
        code: 'C3581',
        weight: 2,
        words: [
          ['医疗科技', 'Medical Technology'],
          ['医疗器械', 'Medical Devices'],
        ],
      }, // 医疗诊断、监护及治疗设备制造
      {
        code: 'C3584',
        weight: 1,
        words: [
          ['医疗器械', 'Medical Devices'],
          ['医疗科技', 'Medical Technology'],
        ],
      }, // 医疗、外科及兽医用器械制造
      {
        code: 'M7340',
        weight: 2,
        words: [
          ['医药科技', 'Pharmaceutical Technology'],
          ['生物技术', 'Biotech'],
          ['生物科技', 'Biotechnology'],
        ],
      }, // 医学研究和试验发展
    ],
    words: [
      ['生物医药', 'Biopharmaceutical'],
      ['生物科技', 'Biotechnology'],
      ['医药科技', 'Pharmaceutical Technology'],
      ['医疗器械', 'Medical Devices'],
      ['生物技术', 'Biotech'],
    ],
    topics: [
      '抗体偶联药物临床前研究',
      'mRNA疫苗递送系统',
      '小分子靶向抑制剂',
      '血管介入器械',
      '细胞治疗工艺',
      '体外诊断试剂',
    ],
    catalogue: { first_set_equipment: ['高端医学影像设备', '手术机器人'] },
    revenuePerStaff: 500_000,
    rdIntensity: 0.07,
    techShare: 0.35,
    inventiveness: 1.6,
    headcount: 0.9,
    alsoTagged: ['ai'],
  },
  civil_aviation: {
    industries: [
      { code: 'C3744', weight: 3 }, // 航空相关设备制造
      { code: 'C3741', weight: 1 }, // 飞机制造
      { code: 'C4343', weight: 1 }, // 航空航天器修理
    ],
    words: [
      ['航空科技', 'Aviation Technology'],
      ['航空装备', 'Aviation Equipment'],
      ['航电科技', 'Avionics Technology'],
    ],
    topics: [
      '航空复合材料结构件',
      '机载航电综合处理单元',
      '航空发动机叶片精密加工',
      '客舱内饰适航取证',
      '飞机部件无损检测',
    ],
    catalogue: {
      first_set_equipment: ['航空发动机叶片五轴加工中心', '机身壁板自动钻铆系统'],
      new_materials_first_batch: ['航空用钛合金板材', '航空级碳纤维预浸料'],
    },
    revenuePerStaff: 800_000,
    rdIntensity: 0.042,
    techShare: 0.3,
    inventiveness: 1.2,
    headcount: 1.3,
    alsoTagged: ['new_materials', 'high_end_equipment', 'low_altitude'],
  },
  nev: {
    industries: [
      { code: 'C3670', weight: 5 }, // 汽车零部件及配件制造
      {
        code: 'C3612',
        weight: 1,
        words: [
          ['新能源汽车', 'New Energy Vehicle'],
          ['汽车科技', 'Automotive Technology'],
        ],
      }, // 新能源车整车制造
      {
        code: 'C3841',
        weight: 2,
        words: [
          ['电池科技', 'Battery Technology'],
          ['储能科技', 'Energy Storage Technology'],
          ['锂电科技', 'Lithium Battery Technology'],
        ],
      }, // 锂离子电池制造
    ],
    words: [
      ['新能源汽车科技', 'New Energy Vehicle Technology'],
      ['汽车科技', 'Automotive Technology'],
      ['动力科技', 'Power Technology'],
      ['电驱动技术', 'Electric Drive Technology'],
    ],
    topics: [
      '800V碳化硅电驱系统',
      '固态电池电芯',
      '电池管理系统',
      '热管理集成模块',
      '线控底盘',
      '智能座舱域控制器',
    ],
    catalogue: {
      first_set_equipment: ['动力电池模组自动化产线', '电驱总成下线测试台'],
      new_materials_first_batch: ['高镍三元正极材料', '硅碳负极材料'],
    },
    revenuePerStaff: 1_200_000,
    rdIntensity: 0.032,
    techShare: 0.23,
    inventiveness: 1,
    headcount: 1.5,
    alsoTagged: ['new_energy', 'ai', 'hydrogen'],
  },
  high_end_equipment: {
    industries: [
      { code: 'C3421', weight: 2 }, // 金属切削机床制造
      { code: 'C3491', weight: 2 }, // 工业机器人制造
      { code: 'C3493', weight: 1 }, // 增材制造装备制造
      { code: 'C4011', weight: 2 }, // 工业自动控制系统装置制造
      {
        code: 'C3562',
        weight: 1,
        words: [
          ['半导体设备', 'Semiconductor Equipment'],
          ['半导体装备', 'Semiconductor Equipment'],
        ],
      }, // 半导体器件专用设备制造
      { code: 'C3599', weight: 1 }, // 其他专用设备制造
    ],
    words: [
      ['精密机械', 'Precision Machinery'],
      ['智能装备', 'Intelligent Equipment'],
      ['数控科技', 'CNC Technology'],
      ['自动化科技', 'Automation Technology'],
      ['装备技术', 'Equipment Technology'],
    ],
    topics: [
      '五轴联动数控机床',
      '高精度谐波减速器',
      '激光精密加工装备',
      '工业机器人控制器',
      '晶圆传输机械手',
      '金属增材制造装备',
    ],
    catalogue: {
      first_set_equipment: [
        '五轴联动立式加工中心',
        '高功率光纤激光切割装备',
        '大型金属3D打印装备',
        '精密数控磨床',
      ],
    },
    revenuePerStaff: 750_000,
    rdIntensity: 0.035,
    techShare: 0.25,
    inventiveness: 1.1,
    headcount: 1.4,
    alsoTagged: ['humanoid_robots', 'ic'],
  },
  green_remanufacturing: {
    industries: [
      { code: 'C4320', weight: 2 }, // 通用设备修理
      { code: 'C4330', weight: 1 }, // 专用设备修理
      { code: 'C4210', weight: 2 }, // 金属废料和碎屑加工处理
      { code: 'C3670', weight: 1 }, // 汽车零部件及配件制造 (remanufactured parts)
    ],
    words: [
      ['再制造科技', 'Remanufacturing Technology'],
      ['环保科技', 'Environmental Technology'],
      ['资源再生科技', 'Resource Recycling Technology'],
      ['循环科技', 'Circular Technology'],
    ],
    topics: ['发动机再制造', '退役动力电池梯次利用', '盾构机再制造', '退役光伏组件回收', '激光熔覆修复'],
    catalogue: { first_set_equipment: ['退役动力电池自动拆解线'] },
    revenuePerStaff: 700_000,
    rdIntensity: 0.021,
    techShare: 0.17,
    inventiveness: 0.7,
    headcount: 1.2,
    alsoTagged: ['new_energy', 'nev'],
  },
  hydrogen: {
    industries: [
      {
        code: 'C3849',
        weight: 3,
        words: [
          ['燃料电池科技', 'Fuel Cell Technology'],
          ['氢能科技', 'Hydrogen Energy Technology'],
        ],
      }, // 其他电池制造 (fuel cells)
      { code: 'C3599', weight: 2 }, // 其他专用设备制造 (electrolysers)
      {
        code: 'C2619',
        weight: 1,
        words: [
          ['氢能源', 'Hydrogen Energy'],
          ['氢能科技', 'Hydrogen Energy Technology'],
        ],
      }, // 其他基础化学原料制造
    ],
    words: [
      ['氢能科技', 'Hydrogen Energy Technology'],
      ['氢能源', 'Hydrogen Energy'],
      ['燃料电池科技', 'Fuel Cell Technology'],
    ],
    topics: [
      '质子交换膜燃料电池电堆',
      '碱性电解水制氢装备',
      '70MPa车载储氢瓶',
      '加氢站隔膜压缩机',
      '固体氧化物电解池',
    ],
    catalogue: {
      first_set_equipment: ['碱性电解水制氢装备', '加氢站隔膜压缩机'],
      new_materials_first_batch: ['质子交换膜', '燃料电池催化剂'],
    },
    revenuePerStaff: 600_000,
    rdIntensity: 0.049,
    techShare: 0.3,
    inventiveness: 1.3,
    headcount: 1,
    alsoTagged: ['new_energy', 'nev'],
  },
  low_altitude: {
    industries: [
      {
        code: 'C3963',
        weight: 3,
        words: [
          ['无人机科技', 'UAV Technology'],
          ['飞行器技术', 'Aircraft Technology'],
          ['低空科技', 'Low-Altitude Technology'],
        ],
      }, // 智能无人飞行器制造
      { code: 'C3741', weight: 1 }, // 飞机制造
      {
        code: 'G5621',
        weight: 1,
        words: [
          ['通用航空', 'General Aviation'],
          ['低空科技', 'Low-Altitude Technology'],
        ],
      }, // 通用航空生产服务
    ],
    words: [
      ['无人机科技', 'UAV Technology'],
      ['航空科技', 'Aviation Technology'],
      ['飞行器技术', 'Aircraft Technology'],
      ['低空科技', 'Low-Altitude Technology'],
    ],
    topics: ['物流无人机', 'eVTOL飞行控制系统', '低空飞行监视系统', '多旋翼巡检无人机', '无人机集群调度平台'],
    catalogue: { first_set_equipment: ['大载重物流无人机'] },
    revenuePerStaff: 500_000,
    rdIntensity: 0.049,
    techShare: 0.33,
    inventiveness: 1,
    headcount: 0.9,
    alsoTagged: ['civil_aviation', 'ai'],
  },
  humanoid_robots: {
    industries: [
      { code: 'C3964', weight: 2 }, // 服务消费机器人制造
      { code: 'C3491', weight: 2 }, // 工业机器人制造
      { code: 'C3492', weight: 1 }, // 特殊作业机器人制造
    ],
    words: [
      ['机器人', 'Robotics'],
      ['智能机器人', 'Intelligent Robotics'],
      ['机器人科技', 'Robot Technology'],
      ['具身智能科技', 'Embodied Intelligence Technology'],
    ],
    topics: [
      '人形机器人灵巧手',
      '一体化关节模组',
      '具身智能运动控制',
      '双足行走平衡算法',
      '机器人触觉传感器',
    ],
    catalogue: { first_set_equipment: ['通用人形机器人整机'] },
    revenuePerStaff: 450_000,
    rdIntensity: 0.07,
    techShare: 0.4,
    inventiveness: 1.2,
    headcount: 0.8,
    alsoTagged: ['ai', 'high_end_equipment'],
  },
  quantum: {
    industries: [
      { code: 'C3921', weight: 2 }, // 通信系统设备制造
      { code: 'C3919', weight: 1 }, // 其他计算机制造
      { code: 'M7320', weight: 2 }, // 工程和技术研究和试验发展
    ],
    words: [
      ['量子科技', 'Quantum Technology'],
      ['量子技术', 'Quantum Tech'],
      ['量子信息科技', 'Quantum Information Technology'],
    ],
    topics: [
      '量子密钥分发设备',
      '超导量子比特测控系统',
      '光量子芯片',
      '量子精密测量磁力计',
      '量子随机数发生器',
    ],
    catalogue: { first_set_equipment: ['量子密钥分发终端'] },
    revenuePerStaff: 350_000,
    rdIntensity: 0.098,
    techShare: 0.5,
    inventiveness: 2,
    headcount: 0.6,
    alsoTagged: ['ic'],
  },
  new_energy: {
    industries: [
      {
        code: 'C3825',
        weight: 3,
        words: [
          ['光伏科技', 'Photovoltaic Technology'],
          ['新能源科技', 'New Energy Technology'],
        ],
      }, // 光伏设备及元器件制造
      {
        code: 'C3415',
        weight: 1,
        words: [
          ['风电科技', 'Wind Power Technology'],
          ['风能科技', 'Wind Energy Technology'],
        ],
      }, // 风能原动设备制造
      {
        code: 'C3841',
        weight: 2,
        words: [
          ['电池科技', 'Battery Technology'],
          ['储能科技', 'Energy Storage Technology'],
          ['锂电科技', 'Lithium Battery Technology'],
        ],
      }, // 锂离子电池制造
      {
        code: 'D4416',
        weight: 1,
        words: [
          ['光伏电力', 'Photovoltaic Power'],
          ['新能源科技', 'New Energy Technology'],
        ],
      }, // 太阳能发电
    ],
    words: [
      ['新能源科技', 'New Energy Technology'],
      ['能源科技', 'Energy Technology'],
      ['光伏科技', 'Photovoltaic Technology'],
      ['储能科技', 'Energy Storage Technology'],
    ],
    topics: ['TOPCon高效电池片', '钙钛矿叠层组件', '工商业储能系统', '海上风电变流器', '构网型储能变流器'],
    catalogue: {
      first_set_equipment: ['大容量储能变流器', '海上风电变流器'],
      new_materials_first_batch: ['钙钛矿光伏材料', '储能用磷酸铁锂材料'],
    },
    revenuePerStaff: 1_100_000,
    rdIntensity: 0.025,
    techShare: 0.21,
    inventiveness: 1,
    headcount: 1.3,
    alsoTagged: ['hydrogen', 'nev', 'new_materials'],
  },
  new_materials: {
    industries: [
      { code: 'C3985', weight: 3 }, // 电子专用材料制造
      { code: 'C3091', weight: 1 }, // 石墨及碳素制品制造
      { code: 'C3240', weight: 1 }, // 有色金属合金制造
      { code: 'C2669', weight: 2 }, // 其他专用化学产品制造
      { code: 'C2651', weight: 1 }, // 初级形态塑料及合成树脂制造
    ],
    words: [
      ['新材料科技', 'New Material Technology'],
      ['材料科技', 'Materials Technology'],
      ['先进材料', 'Advanced Materials'],
      ['复合材料', 'Composite Materials'],
    ],
    topics: ['碳化硅衬底', '高温合金粉末', '电子级光刻胶', '碳纤维复合材料', '高纯溅射靶材', '特种工程塑料'],
    catalogue: {
      new_materials_first_batch: [
        '6英寸导电型碳化硅衬底',
        '高温合金粉末',
        'T800级碳纤维',
        '高纯铜溅射靶材',
        '聚酰亚胺薄膜',
      ],
    },
    revenuePerStaff: 900_000,
    rdIntensity: 0.032,
    techShare: 0.23,
    inventiveness: 1.2,
    headcount: 1.2,
    alsoTagged: ['ic', 'new_energy', 'civil_aviation'],
  },
};
