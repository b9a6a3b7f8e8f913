package pinyin_test

import (
	"fmt"

	"github.com/toponym/toponym/data/pinyin"
)

func ExamplePlaceName() {
	r, err := pinyin.PlaceName("秀山土家族苗族自治县", pinyin.Options{Class: pinyin.ClassAdministrative})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.Spelling)
	fmt.Println(r.Specific, r.SpecificSpelling, "|", r.Generic, r.GenericSpelling)

	v, _ := pinyin.PlaceName("王家村", pinyin.Options{Class: pinyin.ClassNaturalVillage})
	fmt.Println(v.Spelling)

	g, _ := pinyin.PlaceName("长岭村", pinyin.Options{Class: pinyin.ClassAdministrative})
	fmt.Println(g.Spelling, g.NeedsReview, g.Flags[0].Hanzi, g.Flags[0].Kind)
	// Output:
	// Xiushan Tujiazu Miaozu Zizhixian
	// 秀山 Xiushan | 自治县 Zizhixian
	// Wangjiacun
	// Changling Cun true 长 guessed
}

func ExampleNormalize() {
	fmt.Println(pinyin.Normalize("Xiushan Xian"), pinyin.Normalize("Xiùshān Xiàn"), pinyin.Normalize("Lüliang"))
	fmt.Println(pinyin.Initials("Xiushan Xian"), pinyin.Initials("秀山县"))
	// Output:
	// xiushanxian xiushanxian lvliang
	// xsx xsx
}
