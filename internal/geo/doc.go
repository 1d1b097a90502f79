// Package geo holds tnl's geography, with no database:
//
//   - points, great-circle distances (Distance) and the nearest sites to a
//     point (Nearest), to route a mairie's request to the closest GULL;
//   - commune centres: LoadCentres2018 reads the centres of the 2018 codes,
//     Centres2026 carries them over to the current communes, through their
//     former communes when their code changed, and reports how;
//   - outlines of the départements and régions (LoadOutlines), rendered by
//     RenderMap as an accessible SVG choropleth in Lambert-93, the overseas
//     départements or régions as labelled boxes beside it;
//   - WriteFeatureCollection, a GeoJSON feed of points that uMap loads.
//
// Every loader reads an io.Reader: the reference files live outside the
// repository and are imported at run time by a command.
package geo
