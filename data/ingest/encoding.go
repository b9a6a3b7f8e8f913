package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/toponym/toponym/data"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// Text encodings of CSV files.
const (
	EncodingUTF8    = "utf-8"
	EncodingGBK     = "gbk"
	EncodingGB18030 = "gb18030"
)

// sniffBytes is how much of a file is examined to choose its encoding.
const sniffBytes = 64 << 10

var utf8BOM = []byte{0xef, 0xbb, 0xbf}

// textReader returns br as UTF-8 text and the encoding chosen: the
// declared one, else UTF-8 (a BOM is dropped) if the first 64 KiB are valid
// UTF-8, else GBK or GB18030 if they decode without error.
func textReader(br *bufio.Reader, declared string) (io.Reader, string, error) {
	head, err := br.Peek(sniffBytes)
	atEOF := err != nil
	switch {
	case bytes.HasPrefix(head, utf8BOM):
		if enc := canonicalEncoding(declared); enc != "" && enc != EncodingUTF8 {
			return nil, "", encodingError("the file starts with a UTF-8 byte-order mark but %s was declared", declared)
		}
		_, _ = br.Discard(len(utf8BOM))
		return br, EncodingUTF8, nil
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return nil, "", encodingError("UTF-16 text is not supported: save the file as CSV in UTF-8 or GBK")
	}
	if declared != "" {
		enc := canonicalEncoding(declared)
		if enc == "" {
			return nil, "", encodingError("encoding %q is not supported: use utf-8, gbk or gb18030", declared)
		}
		return decoded(br, enc), enc, nil
	}
	switch {
	case validUTF8Prefix(head, atEOF):
		return br, EncodingUTF8, nil
	case decodesCleanly(simplifiedchinese.GBK, head, atEOF):
		return decoded(br, EncodingGBK), EncodingGBK, nil
	case decodesCleanly(simplifiedchinese.GB18030, head, atEOF):
		return decoded(br, EncodingGB18030), EncodingGB18030, nil
	}
	line := 1 + bytes.Count(head[:firstInvalid(head)], []byte{'\n'})
	e := encodingError("the text is neither UTF-8 nor GBK: invalid bytes on line %d", line)
	e.Row = line
	return nil, "", e
}

// canonicalEncoding names a declared encoding, or "" if unsupported.
func canonicalEncoding(s string) string {
	switch strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "_", "-")) {
	case "utf-8", "utf8":
		return EncodingUTF8
	case "gbk", "gb2312", "cp936", "windows-936", "euc-cn":
		return EncodingGBK
	case "gb18030":
		return EncodingGB18030
	}
	return ""
}

func decoded(r io.Reader, enc string) io.Reader {
	switch enc {
	case EncodingGBK:
		return transform.NewReader(r, simplifiedchinese.GBK.NewDecoder())
	case EncodingGB18030:
		return transform.NewReader(r, simplifiedchinese.GB18030.NewDecoder())
	}
	return r
}

// validUTF8Prefix reports whether head is UTF-8, allowing a rune cut off
// at its end when more input follows.
func validUTF8Prefix(head []byte, atEOF bool) bool {
	i := firstInvalid(head)
	if i == len(head) {
		return true
	}
	return !atEOF && len(head)-i < utf8.UTFMax && !utf8.FullRune(head[i:])
}

// firstInvalid returns the offset of the first byte of b that is not part
// of a valid UTF-8 sequence, or len(b).
func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// decodesCleanly reports whether head decodes in enc without a
// replacement character, ignoring a character cut off at its end.
func decodesCleanly(enc encoding.Encoding, head []byte, atEOF bool) bool {
	dst := make([]byte, 2*len(head)+16)
	n, _, err := enc.NewDecoder().Transform(dst, head, atEOF)
	if err != nil && !errors.Is(err, transform.ErrShortSrc) {
		return false
	}
	return !bytes.ContainsRune(dst[:n], utf8.RuneError)
}

func encodingError(format string, args ...any) *data.Error {
	e := rowError(0, "encoding", "", format, args...)
	return e
}
