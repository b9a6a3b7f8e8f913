package pinyin

import (
	"strings"
	"unicode/utf8"
)

// placeNames are whole names (or name words) whose polyphonic characters
// have a known reading, tone-marked, one syllable per character. Sources:
// the 1984 rules' examples (十里堡 Shilipu, 吴堡 Wubu), the names of
// prefectures and counties as published, and the counties of the 湘渝黔
// corner.
var placeNames = map[string]string{
	// Rule 8's examples.
	"十里堡": "shí lǐ pù", "大黄堡": "dà huáng bǎo", "吴堡": "wú bǔ",
	// Polyphonic characters in well-known names.
	"重庆": "chóng qìng", "六安": "lù ān", "六合": "lù hé", "铅山": "yán shān",
	"番禺": "pān yú", "东涌": "dōng chōng", "鲗鱼涌": "zéi yú chōng", "蚌埠": "bèng bù",
	"厦门": "xià mén", "歙县": "shè xiàn", "台州": "tāi zhōu", "天台": "tiān tāi",
	"丽水": "lí shuǐ", "丽江": "lì jiāng", "东阿": "dōng ē", "阿坝": "ā bà",
	"单县": "shàn xiàn", "涡阳": "guō yáng", "枞阳": "zōng yáng", "犍为": "qián wéi",
	"洪洞": "hóng tóng", "乐亭": "lào tíng", "乐清": "yuè qīng", "乐山": "lè shān",
	"蔚县": "yù xiàn", "尉犁": "yù lí", "句容": "jù róng", "会稽": "kuài jī",
	"华山": "huà shān", "华阴": "huà yīn", "华县": "huà xiàn", "济南": "jǐ nán",
	"济宁": "jǐ níng", "济源": "jǐ yuán", "宿州": "sù zhōu", "宿迁": "sù qiān",
	"莘县": "shēn xiàn", "大埔": "dà bù", "黄埔": "huáng pǔ", "朝阳": "cháo yáng",
	"朝天门": "cháo tiān mén", "成都": "chéng dū", "都江堰": "dū jiāng yàn", "都匀": "dū yún",
	"曲阜": "qū fù", "曲靖": "qū jìng", "西藏": "xī zàng", "莎车": "shā chē",
	"长子": "zhǎng zǐ", "长沙": "cháng shā", "长江": "cháng jiāng", "长春": "cháng chūn",
	"长安": "cháng ān", "长寿": "cháng shòu", "长乐": "cháng lè", "长治": "cháng zhì",
	"长汀": "cháng tīng", "长白": "cháng bái", "长城": "cháng chéng", "长沙县": "cháng shā xiàn",
	"大理": "dà lǐ", "筠连": "jūn lián", "繁峙": "fán shì", "解州": "xiè zhōu",
	"茌平": "chí píng", "巴塘": "bā táng", "乐至": "lè zhì", "鸭绿": "yā lù", "黄陂": "huáng pí",
	"任丘": "rén qiū", "牟平": "mù píng", "崆峒": "kōng tóng", "畹町": "wǎn dīng",
	"大足": "dà zú", "酉阳": "yǒu yáng", "沿河": "yán hé", "秀山": "xiù shān",
	"石柱": "shí zhù", "万州": "wàn zhōu", "涪陵": "fú líng", "綦江": "qí jiāng",
	"合川": "hé chuān", "长寿区": "cháng shòu qū",
	"太行": "tài háng", "行政区": "xíng zhèng qū", "银行": "yín háng",
	// The 湘渝黔 corner.
	"茶洞": "chá dòng", "茶峒": "chá dòng", "岑硐": "cén dòng", "硐口": "dòng kǒu",
	"涌洞": "yǒng dòng", "长乐乡": "cháng lè xiāng", "民乐": "mín lè", "长坪": "cháng píng",
	"长兴堡": "cháng xīng bǎo", "长潭": "cháng tán", "长滩": "cháng tān", "长冲": "cháng chōng",
	"长岗": "cháng gǎng", "长水": "cháng shuǐ", "阳朝": "yáng cháo",

	"屯堡": "tún bǎo", "凯堡": "kǎi bǎo",
}

// tableNames joins the names and the ethnic names, parsed into syllables.
var tableNames = func() map[string][]string {
	m := make(map[string][]string, len(placeNames)+len(ethnicNames))
	for _, src := range []map[string]string{placeNames, ethnicNames} {
		for k, v := range src {
			m[k] = strings.Fields(v)
		}
	}
	return m
}()

// maxTableRunes is the longest entry of the tables of names.
var maxTableRunes = func() int {
	n := 0
	for k := range tableNames {
		n = max(n, utf8.RuneCountInString(k))
	}
	return n
}()

// tableReading returns the readings of a name in the tables.
func tableReading(hanzi string) ([]string, bool) {
	rd, ok := tableNames[hanzi]
	return rd, ok
}
