// Package geo holds tnl's geography, with no database: points and
// great-circle distances, the nearest sites to a point, commune centres for
// the current codes, département and région outlines rendered as accessible
// SVG maps, and GeoJSON output for uMap.
//
// Every loader reads an io.Reader: the reference files live outside the
// repository and are imported at run time by a command.
package geo
