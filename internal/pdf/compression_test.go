package pdf

// WithCompression sets whether page content streams are deflated. It is off
// by default (and only the tests turn it on): fpdf allocates a fresh deflate writer (about 1 MB) per page,
// which triples the rendering time, while the embedded fonts, the largest
// part of a document, are compressed in any case.
func WithCompression(on bool) Option {
	return func(e *Engine) { e.compress = on }
}
