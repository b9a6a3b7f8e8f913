package api

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
)

// Media types of responses.
const (
	mediaJSON    = "application/json"
	mediaGeoJSON = "application/geo+json"
	mediaHTML    = "text/html"
	mediaOpenAPI = "application/vnd.oai.openapi+json;version=3.0"
)

// link is a web link in a JSON response (OGC API – Common).
type link struct {
	Href  string `json:"href"`
	Rel   string `json:"rel"`
	Type  string `json:"type,omitempty"`
	Title string `json:"title,omitempty"`
}

// resource is a response body with the links and title an HTML view shows.
type resource struct {
	title string
	links []link
	body  any
}

// formatLinks returns the self and alternate links of a resource at href
// (a URL without the f parameter but possibly with others), as the
// format the response is written in decides.
func formatLinks(u *url.URL, format, jsonType string) []link {
	withF := func(f string) string {
		v := u.Query()
		v.Set("f", f)
		c := *u
		c.RawQuery = v.Encode()
		return c.String()
	}
	self := link{Href: withF(formatJSON), Rel: "self", Type: jsonType, Title: "this document"}
	alt := link{Href: withF(formatHTML), Rel: "alternate", Type: mediaHTML, Title: "this document as HTML"}
	if format == formatHTML {
		self, alt = alt, self
		self.Rel, alt.Rel = "self", "alternate"
		self.Title, alt.Title = "this document", "this document as JSON"
	}
	return []link{self, alt}
}

// write renders res as JSON with media type jsonType, or as an HTML page
// when format is html.
func write(w http.ResponseWriter, format, jsonType string, res resource) error {
	body, err := encodeJSON(res.body)
	if err != nil {
		return fmt.Errorf("api: encode %s: %w", res.title, err)
	}
	if format == formatHTML {
		return writeHTML(w, res, body)
	}
	w.Header().Set("Content-Type", jsonType)
	_, err = w.Write(body)
	return ignoreWriteErr(err)
}

// encodeJSON encodes v without escaping <, > and &, which links contain.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ignoreWriteErr drops errors writing to the client: the client is gone and
// nothing else can be sent.
func ignoreWriteErr(error) error { return nil }

//go:embed page.html.tmpl
var pageTemplateText string

var pageTemplate = template.Must(template.New("page").Parse(pageTemplateText))

// writeHTML renders a simple HTML view: title, links and the JSON document.
func writeHTML(w http.ResponseWriter, res resource, body []byte) error {
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, body, "", "  "); err != nil {
		return fmt.Errorf("api: indent %s: %w", res.title, err)
	}
	var out bytes.Buffer
	err := pageTemplate.Execute(&out, map[string]any{"Title": res.title, "Links": res.links, "JSON": pretty.String()})
	if err != nil {
		return fmt.Errorf("api: render %s: %w", res.title, err)
	}
	w.Header().Set("Content-Type", mediaHTML+"; charset=utf-8")
	_, err = w.Write(out.Bytes())
	return ignoreWriteErr(err)
}
