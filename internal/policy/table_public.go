package policy

func publicTable() Table {
	return Table{
		PublicPage: To(Public),
	}
}

func accountTable() Table {
	return Table{
		AccountUse: To(SignedIn),
	}
}
