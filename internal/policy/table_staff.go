package policy

func staffTable() Table {
	return Table{
		OutboxRead: To(Staff).Refusing("Réservé à l’équipe ADULLACT."),
	}
}
