package pinyin

import "strings"

// Class is the class of the named place. It decides which generic parts
// (通名) are split off and whether the name is written as one word.
type Class int

const (
	// ClassAuto splits off any generic in the table: use it when the class
	// is not known (a mountain 泰山 Tai Shan, a county 秀山县 Xiushan Xian).
	ClassAuto Class = iota
	// ClassAdministrative is a division or a self-governing body: 省, 市, 县,
	// 区, 镇, 乡, 街道, 村, 社区 …; 三门峡市 Sanmenxia Shi.
	ClassAdministrative
	// ClassNaturalVillage is a natural village or market town (自然村镇),
	// written as one word (rule 3): 王家村 Wangjiacun, 太平沟 Taipinggou.
	ClassNaturalVillage
	// ClassMountain is a landform: 山, 岭, 峰, 坡, 坳, 洞 …
	ClassMountain
	// ClassWater is a water body: 河, 江, 湖, 溪, 沟, 滩 …
	ClassWater
	// ClassStreet is a street, road or lane: 街, 路, 巷, 大道 …
	ClassStreet
	// ClassFacility is a bridge, temple, station, reservoir, park …
	ClassFacility
)

var classNames = [...]string{"auto", "administrative", "natural village", "mountain", "water", "street", "facility"}

func (c Class) String() string {
	if c >= 0 && int(c) < len(classNames) {
		return classNames[c]
	}
	return "class(?)"
}

// kind bits say which classes a generic belongs to.
const (
	kAdmin = 1 << iota
	kLand
	kWater
	kStreet
	kFacility
	kAutonomous // may follow ethnic names: 秀山土家族苗族自治县
	kCommittee  // wraps a 社区 or 村: 东风社区居民委员会
)

// classKinds are the generic kinds split off for each class.
var classKinds = map[Class]int{
	ClassAuto:           kAdmin | kLand | kWater | kStreet | kFacility,
	ClassAdministrative: kAdmin,
	ClassMountain:       kLand,
	ClassWater:          kWater | kLand,
	ClassStreet:         kStreet,
	ClassFacility:       kFacility | kStreet,
}

// generic is one entry of the table of generic parts.
type generic struct {
	words       string // Hanzi with a space between written words
	kinds       int
	minSpecific int // runes the specific part needs for this split
}

// generics is the table of generic parts (通名). Multi-syllable generics are
// one word (Zizhixian, Jiedao); a monosyllabic modifier is joined to its
// generic (rule 2: 景山后街 Jingshan Houjie, 潮白新河 Chaobai Xinhe). A
// directional modifier (东路, 南街) is only taken with a specific of two
// characters or more, so 河东街 stays Hedong Jie.
var generics = buildGenerics(map[int]string{
	kAdmin: "省 市 县 区 镇 乡 村 州 旗 盟 街道 社区 地区 新区 林区 矿区 苏木 嘎查 " +
		"办事处 街道办事处 特别行政区 管理区 开发区",
	kAdmin | kAutonomous: "自治区 自治州 自治县 自治旗 民族乡 民族镇",
	kAdmin | kCommittee:  "居民委员会 村民委员会 居委会 村委会",
	kLand: "山 岭 峰 坡 岗 崖 岩 坳 垭 垭口 梁 顶 峡 谷 峡谷 坪 坝 冲 岛 半岛 群岛 " +
		"高原 盆地 平原 山脉 山口 台地 高地 丘陵 洞 溶洞 天坑 关",
	kWater: "河 江 湖 溪 沟 海 湾 港 泉 潭 塘 池 渠 滩 洲 瀑布 水库 运河 新河 海峡 水道",
	kStreet: "路 街 巷 道 弄 里 胡同 大道 大街 小街 马路 公路 大路 后街 前街 正街 " +
		"新街 老街 直街 小巷 环路 广场",
	kFacility: "桥 大桥 寺 庙 庵 观 祠 塔 宫 亭 楼 阁 园 公园 陵园 码头 渡口 车站 " +
		"火车站 机场 电站 水电站 隧道 林场 农场 茶场 景区 新村 铁路 高速公路",
}, map[string]int{
	"东路": 2, "西路": 2, "南路": 2, "北路": 2, "中路": 2,
	"东街": 2, "西街": 2, "南街": 2, "北街": 2, "中街": 2,
	"东巷": 2, "西巷": 2, "南巷": 2, "北巷": 2,
})

func buildGenerics(byKind map[int]string, directional map[string]int) map[string]generic {
	m := make(map[string]generic)
	add := func(words string, kinds, minSpec int) {
		key := strings.ReplaceAll(words, " ", "")
		g := m[key]
		g.words, g.kinds, g.minSpecific = words, g.kinds|kinds, max(g.minSpecific, minSpec, 1)
		m[key] = g
	}
	for kinds, list := range byKind {
		for _, w := range strings.Fields(list) {
			add(w, kinds, 1)
		}
	}
	for w, n := range directional {
		add(w, kStreet, n)
	}
	// The committees are written as two words each.
	add("居民 委员会", kAdmin|kCommittee, 1)
	add("村民 委员会", kAdmin|kCommittee, 1)
	add("特别 行政区", kAdmin, 1)
	add("街道 办事处", kAdmin, 1)
	add("高速 公路", kFacility, 1)
	return m
}

// maxGenericRunes is the length of the longest generic (街道办事处).
const maxGenericRunes = 5

// ethnicNames are the ethnic names that stand between a specific and an
// autonomous generic, each its own word (秀山 土家族 苗族 自治县). The
// readings settle their polyphonic characters (藏 Zang, 仡 Ge, 朝 Chao).
var ethnicNames = map[string]string{
	"土家族": "tǔ jiā zú", "苗族": "miáo zú", "侗族": "dòng zú", "布依族": "bù yī zú",
	"彝族": "yí zú", "仡佬族": "gē lǎo zú", "回族": "huí zú", "蒙古族": "měng gǔ zú",
	"藏族": "zàng zú", "维吾尔族": "wéi wú ěr zú", "维吾尔": "wéi wú ěr", "壮族": "zhuàng zú",
	"朝鲜族": "cháo xiǎn zú", "满族": "mǎn zú", "瑶族": "yáo zú", "白族": "bái zú",
	"哈尼族": "hā ní zú", "哈萨克族": "hā sà kè zú", "傣族": "dǎi zú", "黎族": "lí zú",
	"傈僳族": "lì sù zú", "佤族": "wǎ zú", "畲族": "shē zú", "拉祜族": "lā hù zú",
	"水族": "shuǐ zú", "东乡族": "dōng xiāng zú", "纳西族": "nà xī zú", "景颇族": "jǐng pō zú",
	"柯尔克孜族": "kē ěr kè zī zú", "土族": "tǔ zú", "达斡尔族": "dá wò ěr zú",
	"仫佬族": "mù lǎo zú", "羌族": "qiāng zú", "布朗族": "bù lǎng zú", "撒拉族": "sā lā zú",
	"毛南族": "máo nán zú", "锡伯族": "xī bó zú", "阿昌族": "ā chāng zú", "普米族": "pǔ mǐ zú",
	"怒族": "nù zú", "俄罗斯族": "é luó sī zú", "鄂温克族": "è wēn kè zú", "德昂族": "dé áng zú",
	"保安族": "bǎo ān zú", "裕固族": "yù gù zú", "京族": "jīng zú", "独龙族": "dú lóng zú",
	"鄂伦春族": "è lún chūn zú", "赫哲族": "hè zhé zú", "门巴族": "mén bā zú",
	"珞巴族": "luò bā zú", "基诺族": "jī nuò zú", "塔吉克族": "tǎ jí kè zú",
	"乌孜别克族": "wū zī bié kè zú", "塔塔尔族": "tǎ tǎ ěr zú", "高山族": "gāo shān zú",
	"各族": "gè zú",
}

// maxEthnicRunes is the length of the longest ethnic name (乌孜别克族).
const maxEthnicRunes = 5
