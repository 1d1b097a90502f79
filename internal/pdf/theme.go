package pdf

// Colours and text styles shared by the documents.

func hexColor(v uint32) rgb { return rgb{uint8(v >> 16), uint8(v >> 8), uint8(v)} }

const (
	colorPrimary   = 0x1F4E79 // titles, bands, marks
	colorAccent    = 0xC8A951 // certificate frame
	colorText      = 0x212529
	colorMuted     = 0x5F6B76
	colorLink      = 0x0B5CAD
	colorRule      = 0xC9D3DD
	colorHeaderRow = 0xE3EAF2
	colorZebra     = 0xF6F8FA
	colorWhite     = 0xFFFFFF
	colorBandText  = 0xDCE6F0
)

func bodyStyle() textStyle {
	return textStyle{style: regular, size: 10, leading: 13.5, color: hexColor(colorText)}
}

func mutedStyle() textStyle {
	return textStyle{style: italic, size: 10, leading: 13.5, color: hexColor(colorMuted)}
}

func labelStyle() textStyle {
	return textStyle{style: bold, size: 10, leading: 13.5, color: hexColor(colorText)}
}

func linkStyle() textStyle {
	return textStyle{style: regular, size: 10, leading: 13.5, color: hexColor(colorLink)}
}

func smallStyle() textStyle {
	return textStyle{style: regular, size: 8, leading: 10.5, color: hexColor(colorMuted)}
}

func headingStyle(size float64) textStyle {
	return textStyle{style: bold, size: size, leading: size * 1.3, color: hexColor(colorPrimary)}
}
