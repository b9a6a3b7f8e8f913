package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"testing"
)

const benchRows = 100_000

// placeNameSeq returns n newline-delimited GeoJSON place-name points over
// 渝湘黔, generated (not committed).
func placeNameSeq(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, `{"type":"Feature","id":%d,"geometry":{"type":"Point","coordinates":[%.7f,%.7f]},`+
			`"properties":{"名称":"地名%d","拼音":"Diming %d","类别":"1%02d","kind":"place_name"}}`+"\n",
			i+1, 108.5+float64(i%1000)/1000, 28+float64(i/1000)/100, i, i, i%100)
	}
	return b.Bytes()
}

func BenchmarkGeoJSONSeq(b *testing.B) {
	in := placeNameSeq(benchRows)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		s := NewGeoJSONSeq(bytes.NewReader(in), Options{CRS: 4490})
		n := 0
		for {
			_, err := s.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != benchRows {
			b.Fatalf("read %d rows", n)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkGeoJSONSeqNaive is the baseline: a line scanner and
// json.Unmarshal into map[string]any, with no validation or reprojection.
func BenchmarkGeoJSONSeqNaive(b *testing.B) {
	in := placeNameSeq(benchRows)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		sc := bufio.NewScanner(bytes.NewReader(in))
		n := 0
		for sc.Scan() {
			var v map[string]any
			if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != benchRows {
			b.Fatalf("read %d rows", n)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkCSVGaussKruger(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("点号,X,Y,H\n")
	for i := range benchRows {
		fmt.Fprintf(&buf, "P%d,%.3f,%.3f,%.3f\n", i, 3100000+float64(i), 36500000+float64(i%100000), 300.0)
	}
	in := buf.Bytes()
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		s := NewCSV(bytes.NewReader(in), Options{})
		for {
			if _, err := s.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
