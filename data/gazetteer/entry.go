package gazetteer

import (
	"strings"
	"time"

	"github.com/toponym/toponym/data"
	"github.com/toponym/toponym/data/pinyin"
)

// Proposal is the pinyin proposed for one name on entry.
type Proposal struct {
	Index       int    // of the name in NamedPlace.Names
	Text        string // Hanzi
	Spelling    string
	Parts       []pinyin.Part
	Flags       []pinyin.Flag
	NeedsReview bool // a reading was guessed or a rule needs an eye
	Generated   bool // false when the name came with its own pinyin, which was kept
}

// ClassOf returns the pinyin class of a place from its census class: 居民点
// are natural villages and towns, written as one word (rule 3); divisions
// and self-governing bodies split their generic; landforms, water and
// facilities split theirs. Anything else is ClassAuto.
func ClassOf(p *data.NamedPlace) pinyin.Class {
	switch strings.TrimSpace(p.CensusClass) {
	case "行政区域", "群众自治组织":
		return pinyin.ClassAdministrative
	case "居民点":
		return pinyin.ClassNaturalVillage
	case "陆地地形":
		return pinyin.ClassMountain
	case "陆地水系", "水利电力设施":
		return pinyin.ClassWater
	case "交通运输设施", "纪念地旅游景点", "建筑物", "单位":
		return pinyin.ClassFacility
	}
	return pinyin.ClassAuto
}

// Enter prepares a new place for storing: it becomes a draft with no
// reviewer, and every Chinese name without pinyin gets the spelling
// data/pinyin proposes by the 1984 rules for the place's class (ClassOf,
// unless class is given), with overrides for polyphonic characters. Every
// spelling, given or generated, is a proposal until the place is reviewed
// (Name.PinyinReviewed false). A name pinyin cannot read keeps an empty
// spelling and is reported with NeedsReview.
func Enter(p *data.NamedPlace, class *pinyin.Class, overrides map[string]string) ([]Proposal, error) {
	p.Review, p.ReviewedBy, p.ReviewedAt = data.ReviewDraft, "", time.Time{}
	c := ClassOf(p)
	if class != nil {
		c = *class
	}
	var out []Proposal
	for i := range p.Names {
		n := &p.Names[i]
		n.PinyinReviewed = false
		if n.Pinyin != "" {
			out = append(out, Proposal{Index: i, Text: n.Text, Spelling: n.Pinyin})
			continue
		}
		if n.Lang != "" && !strings.HasPrefix(n.Lang, "zh") {
			continue
		}
		r, err := pinyin.PlaceName(n.Text, pinyin.Options{Class: c, Overrides: overrides})
		if err != nil {
			if data.KindOf(err) == data.KindInvalid && data.AsError(err).Field == "overrides" {
				return nil, err
			}
			out = append(out, Proposal{Index: i, Text: n.Text, NeedsReview: true, Generated: true})
			continue
		}
		n.Pinyin = r.Spelling
		out = append(out, Proposal{Index: i, Text: n.Text, Spelling: r.Spelling, Parts: r.Parts, Flags: r.Flags,
			NeedsReview: r.NeedsReview, Generated: true})
	}
	return out, nil
}
