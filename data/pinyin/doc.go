// Package pinyin romanises Chinese place names by the 1984 rules
// 《中国地名汉语拼音字母拼写规则（汉语地名部分）》 and GB/T 16159 (汉语拼音正词法).
//
// PlaceName splits a name into its specific part (专名), ethnic names and
// generic part (通名), reads every character, and writes the proposed
// spelling: specific and generic written separately and each capitalised
// (Taihang Shan, Xiushan Xian, rule 1); natural villages and market towns
// written as one word (Wangcun, Taipinggou, rule 3); numerals spelled out
// (Wuzhi Shan, rule 6) and codes in Arabic digits (1203 Gaodi, rule 7); an
// apostrophe before a, o, e opening a non-initial syllable (Xi'an, rule 11);
// 儿 after a syllable written r (rule 12).
//
// Character readings come from github.com/mozillazg/go-pinyin's dictionary.
// A character with several readings is resolved, in order, by the caller's
// overrides, the built-in table of whole names (重庆 Chongqing, 六安 Lu'an),
// the built-in table of characters whose place-name reading is settled, and
// finally by a guess. Every result is a proposal: Result.NeedsReview is true
// when a reading was guessed or a rule needs a human eye, and Result.Flags
// say which characters and rules to check.
//
// Normalize and Initials turn spellings into search keys.
package pinyin
