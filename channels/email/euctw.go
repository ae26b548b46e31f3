package email

import (
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

// eucTW decodes EUC-TW (CNS 11643 planes 1 and 2, what Taiwanese Mac and
// Unix mailers label x-euc-tw), which golang.org/x/text lacks. Characters
// of planes 3 to 7, rare in mail, become U+FFFD. It decodes only: nothing
// here writes EUC-TW.
type eucTW struct{}

var eucTWEncoding encoding.Encoding = eucTW{}

// cnsPlanes are the tables of euctw_table.go as runes, indexed by
// (row-1)*94 + (cell-1).
var cnsPlanes = [2][]rune{[]rune(cnsPlane1), []rune(cnsPlane2)}

func (eucTW) NewDecoder() *encoding.Decoder { return &encoding.Decoder{Transformer: eucTWDecoder{}} }

// NewEncoder is only there to be an encoding.Encoding; it passes UTF-8
// through.
func (eucTW) NewEncoder() *encoding.Encoder { return encoding.Replacement.NewEncoder() }

type eucTWDecoder struct{ transform.NopResetter }

func (eucTWDecoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		r, size := rune(src[nSrc]), 1
		switch c := src[nSrc]; {
		case c < 0x80:
		case c >= 0xA1 && c <= 0xFE:
			if nSrc+1 >= len(src) && !atEOF {
				return nDst, nSrc, transform.ErrShortSrc
			}
			r, size = cnsRune(0, src[nSrc:])
		case c == 0x8E:
			if nSrc+3 >= len(src) && !atEOF {
				return nDst, nSrc, transform.ErrShortSrc
			}
			r, size = cnsRune4(src[nSrc:])
		default:
			r = utf8.RuneError
		}
		if nDst+utf8.RuneLen(r) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += utf8.EncodeRune(dst[nDst:], r)
		nSrc += size
	}
	return nDst, nSrc, nil
}

// cnsRune reads a two-byte cell of plane (0 or 1) from b.
func cnsRune(plane int, b []byte) (rune, int) {
	if len(b) < 2 || b[1] < 0xA1 || b[1] > 0xFE {
		return utf8.RuneError, 1
	}
	return cnsPlanes[plane][int(b[0]-0xA1)*94+int(b[1]-0xA1)], 2
}

// cnsRune4 reads 8E A1+plane-1 row cell.
func cnsRune4(b []byte) (rune, int) {
	if len(b) < 4 || b[1] < 0xA1 || b[1] > 0xA7 || b[2] < 0xA1 || b[2] > 0xFE {
		return utf8.RuneError, 1
	}
	plane := int(b[1] - 0xA1)
	if plane > 1 {
		if b[3] < 0xA1 || b[3] > 0xFE {
			return utf8.RuneError, 1
		}
		return utf8.RuneError, 4
	}
	r, n := cnsRune(plane, b[2:])
	if n != 2 {
		return utf8.RuneError, 1
	}
	return r, 4
}
