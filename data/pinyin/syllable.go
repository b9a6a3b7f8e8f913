package pinyin

import (
	"strings"
	"unicode/utf8"
)

// toneVowels maps each tone-marked vowel to its plain vowel and tone.
var toneVowels = map[rune]struct {
	base rune
	tone int
}{
	'ā': {'a', 1}, 'á': {'a', 2}, 'ǎ': {'a', 3}, 'à': {'a', 4},
	'ē': {'e', 1}, 'é': {'e', 2}, 'ě': {'e', 3}, 'è': {'e', 4},
	'ī': {'i', 1}, 'í': {'i', 2}, 'ǐ': {'i', 3}, 'ì': {'i', 4},
	'ō': {'o', 1}, 'ó': {'o', 2}, 'ǒ': {'o', 3}, 'ò': {'o', 4},
	'ū': {'u', 1}, 'ú': {'u', 2}, 'ǔ': {'u', 3}, 'ù': {'u', 4},
	'ǖ': {'ü', 1}, 'ǘ': {'ü', 2}, 'ǚ': {'ü', 3}, 'ǜ': {'ü', 4},
	'ń': {'n', 2}, 'ň': {'n', 3}, 'ǹ': {'n', 4}, 'ḿ': {'m', 2},
	'ê': {'e', 0}, 'ế': {'e', 2}, 'ề': {'e', 4},
}

// plainTone returns a reading without tone marks (keeping ü) and its tone,
// 0 for the neutral tone.
func plainTone(marked string) (string, int) {
	var b strings.Builder
	tone := 0
	for _, r := range marked {
		if v, ok := toneVowels[r]; ok {
			b.WriteRune(v.base)
			if v.tone != 0 {
				tone = v.tone
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String(), tone
}

// validSyllables is the inventory of Standard Mandarin syllables in Hanyu
// Pinyin, without tones, ü written ü.
var validSyllables = func() map[string]bool {
	const list = `a ai an ang ao
ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu
fa fan fang fei fen feng fo fou fu
da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo
ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo
na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nun nuo nü nüe
la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lü lüe
ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo
ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo
ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo
ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun
qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun
zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo
cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo
sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo
ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo
za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo
ca cai can cang cao ce cen ceng ci cong cou cu cuan cui cun cuo
sa sai san sang sao se sen seng si song sou su suan sui sun suo
ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun
wa wai wan wang wei wen weng wo wu
e ei en eng er o ou`
	m := make(map[string]bool, 420)
	for _, s := range strings.Fields(list) {
		m[s] = true
	}
	return m
}()

// maxSyllableRunes is the length of the longest syllable (zhuang).
const maxSyllableRunes = 6

// segment splits plain lower-case letters (ü written ü) into syllables,
// preferring the fewest syllables and, among equals, longer ones first
// (xian is one syllable, not xi'an). ok is false when no split exists.
func segment(s string) (sylls []string, ok bool) {
	rs := []rune(s)
	n := len(rs)
	// best[i] = fewest syllables covering rs[i:]; next[i] = end of the first.
	best := make([]int, n+1)
	next := make([]int, n+1)
	for i := n - 1; i >= 0; i-- {
		best[i] = -1
		for j := min(n, i+maxSyllableRunes); j > i; j-- {
			if best[j] < 0 || !validSyllables[string(rs[i:j])] {
				continue
			}
			if best[i] < 0 || best[j]+1 < best[i] {
				best[i], next[i] = best[j]+1, j
			}
		}
	}
	if n == 0 || best[0] < 0 {
		return nil, false
	}
	for i := 0; i < n; i = next[i] {
		sylls = append(sylls, string(rs[i:next[i]]))
	}
	return sylls, true
}

// isSeparator reports whether r separates syllables in written pinyin.
func isSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '\'', '’', '‘', '`', '-', '·', '_':
		return true
	}
	return false
}

func notPinyinLetter(r rune) bool { return (r < 'a' || r > 'z') && r != 'ü' }

// parseReadings parses a caller's reading of n characters, such as
// "lu an", "Lu'an", "lù ān" or "Luan", into n syllables. A syllable keeps
// its tone marks when it has them; v and u: stand for ü.
func parseReadings(value string, n int) ([]string, error) {
	value = strings.ToLower(strings.ReplaceAll(value, "u:", "ü"))
	value = strings.ReplaceAll(value, "v", "ü")
	for _, c := range []string{"j", "q", "x", "y"} {
		value = strings.ReplaceAll(value, c+"ü", c+"u") // the Scheme writes ju, not jü
	}
	var out []string
	for _, chunk := range strings.FieldsFunc(value, isSeparator) {
		plain, _ := plainTone(chunk)
		if i := strings.IndexFunc(plain, notPinyinLetter); i >= 0 {
			return nil, errorf("reading %q has %q, not a pinyin letter", value, []rune(plain[i:])[0])
		}
		sylls, ok := segment(plain)
		if !ok {
			return nil, errorf("%q is not pinyin: cannot split it into syllables", chunk)
		}
		marked := []rune(chunk)
		at := 0
		for _, s := range sylls {
			k := utf8.RuneCountInString(s)
			out = append(out, string(marked[at:at+k]))
			at += k
		}
	}
	if len(out) != n {
		return nil, errorf("reading %q has %d syllables for %d characters", value, len(out), n)
	}
	return out, nil
}
