package policy

func staffTable() Table {
	return Table{
		OutboxRead:    To(Staff).Refusing("Réservé à l’équipe ADULLACT."),
		OutboxRetry:   To(Staff).Refusing("Réservé à l’équipe ADULLACT."),
		BackOffice:    To(Staff).Refusing("Réservé à l’équipe ADULLACT."),
		StaffAccounts: To(Staff).Refusing("Réservé à l’équipe ADULLACT."),
	}
}
