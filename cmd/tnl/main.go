// Command tnl runs the Territoire Numérique Libre platform. See 'tnl help'.
package main

import (
	"context"
	"os"
	_ "time/tzdata" // Europe/Paris even on machines without a zoneinfo database

	"github.com/adullact/tnl/internal/cli"
)

func main() {
	os.Exit(cli.Main(context.Background(), os.Args[1:], cli.OSEnv()))
}
