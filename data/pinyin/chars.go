package pinyin

import (
	"strings"

	gopinyin "github.com/mozillazg/go-pinyin"
)

// settledFirst are polyphonic characters whose first dictionary reading is
// their reading in place names; the other readings (石 dàn, 家 gū, 溪 qī)
// do not occur in names. They are read silently, by rule.
const settledFirst = "区家居石溪南路白平寨族园庄红沙和青合市王古太团明塔屯地万土胜潭寺港桃前池车化洋泥桐" +
	"达厂宁广方格百坳果月谷草技横甘脚房术栗朱杉景鹿排夏幸司巷哈英温坑丁底叶芦苑箐吴落立陶蔡活" +
	"杜屏齐汤扎那董尾斯思包游蒲堤皇彭汪半腊尚堆余育灯圣邓冷波许烟有野蕉强登庵潘姚盖省拱年渠垦" +
	"员耳绿哨槽共彦猫垸片冯治坨莫虹艾事洼陆贾印吾怀芭机其沱蓝召殖繁盟提喜将巨扶祖喀信夹呼祝色" +
	"浩柴檀宅比洗咸榜奇沈昆才焦部芒侗增鑫革刀接于支服栖示蒿均母度转核尹澄鼎洒童限众舒甫皋勤乃" +
	"祠税号女祁培蟠施梭墨郝枝棋柑容敦露把漆涂淖乾综邑鸟假灌圳眼也以佬蓼隘雀积可拖跳霍仰仡封桔" +
	"措汀穿龟无零斜苦列若裴兔察杭体央邢汶陀能昂滑足招衙越块扒划荒造汗歇移殷炮蹄映熙客冉拔棵蛇" +
	"插葡魁汾赶穴潼肥虾棱便咱他炎匡净颈由窖亥位桅感尺旁校射告叭汽巡占墅袍奥氏乍附蚕奋跑抱浸扁" +
	"顿承夯助御堵湛圪豫帕莎褚模瞿枇捧注降奔杷碱隔涪埝冒亨折斡研稠涔佃己濂詹浅暖脉中清边膏耶儿" +
	"大洞会委岗道岭角内梧得幺台都柏阿六"

// settledOther are polyphonic characters whose place-name reading is not
// the dictionary's first.
var settledOther = map[rune]string{
	'甸': "diàn", '似': "sì", '什': "shí", '佛': "fó", '勒': "lè", '舍': "shè",
	'卜': "bǔ", '觉': "jué", '伯': "bó", '冲': "chōng", '沿': "yán", '兴': "xīng",
	'干': "gān",
}

// settledReadings maps every settled character to its reading.
var settledReadings = func() map[rune]string {
	m := make(map[rune]string, len(settledFirst)/3+len(settledOther))
	for _, r := range settledFirst {
		if d := gopinyin.PinyinDict[int(r)]; d != "" {
			m[r] = strings.Split(d, ",")[0]
		}
	}
	for r, rd := range settledOther {
		m[r] = rd
	}
	return m
}()

// defaultReadings are polyphonic characters whose readings all occur in
// place names: the default here is the commoner one, but it stays a guess.
var defaultReadings = map[rune]string{
	'长': "cháng", '重': "chóng", '堡': "bǎo", '乐': "lè", '曲': "qū",
	'涌': "yǒng", '朝': "cháo", '藏': "zàng", '番': "fān",
	'铅': "qiān", '单': "dān", '华': "huá", '解': "jiě", '宿': "sù",
	'蔚': "wèi", '句': "jù", '济': "jì", '丽': "lì", '莘': "shēn",
	'埔': "pǔ", '峒': "dòng", '硐': "dòng", '尉': "wèi", '行': "xíng", '种': "zhǒng",
	'盛': "shèng", '圩': "wéi", '斗': "dǒu", '卡': "kǎ", '陂': "bēi",
	'畜': "xù", '查': "chá", '咀': "zuǐ", '曾': "zēng", '戛': "gā", '任': "rén",
	'弄': "nòng", '泊': "pō", '圈': "quān", '覃': "tán", '浒': "hǔ", '厦': "shà",
	'翟': "zhái", '町': "dīng", '仔': "zǎi", '垌': "dòng", '牟': "móu", '塞': "sài",
	'蚌': "bàng", '枞': "cōng", '柞': "zhà", '杠': "gàng", '调': "diào", '担': "dān",
	'弹': "tán",
}
