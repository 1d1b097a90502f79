package main

import "github.com/adullact/tnl/internal/fr"

// frInt formats 36359 as « 36 359 ».
func frInt(n int) string { return fr.Int(n) }

// frNum formats f with the given decimals the French way: « 1 234,5 ».
func frNum(f float64, decimals int) string { return fr.Fixed(f, decimals) }

// megabytes formats bytes in Mo.
func megabytes(n int64) string { return frInt(int((n+(1<<19))>>20)) + " Mo" }

// errorCount says « 0 erreur », « 3 erreurs ».
func errorCount(n int) string { return fr.Count(n, "erreur", "erreurs") }
