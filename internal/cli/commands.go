package cli

// commands returns the command table, in the order help lists it.
func commands() []*command {
	cmds := []*command{
		serveCommand(),
		migrateCommand(),
		territoiresImportCommand(),
		userAddCommand(),
		userExportCommand(),
		userDeleteCommand(),
		tokenCreateCommand(),
	}
	cmds = append(cmds, campaignCommands()...)
	cmds = append(cmds, candidatureCommands()...)
	cmds = append(cmds, juryCommands()...)
	cmds = append(cmds, deliberationCommands()...)
	cmds = append(cmds, demoFillCommand())
	cmds = append(cmds, pdfCommands()...)
	cmds = append(cmds, auditVerifyCommand(), backupCommand(), restoreCommand())
	cmds = append(cmds, ambassadeursCommands()...)
	cmds = append(cmds, palmaresCommands()...)
	cmds = append(cmds, questionnaireCheckCommand(), questionnaireShowCommand(), workflowDiagramCommand(), versionCommand())
	return cmds
}
