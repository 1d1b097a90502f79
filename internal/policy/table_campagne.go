package policy

func campagneTable() Table {
	return Table{
		CampagneList:   To(SignedIn),
		CampagneRead:   To(Staff),
		CampagneManage: To(Staff),

		Event("campagne", "ouvrir"):    To(Staff, System),
		Event("campagne", "clore"):     To(Staff, System),
		Event("campagne", "instruire"): To(Staff),
		Event("campagne", "deliberer"): To(Staff),
		Event("campagne", "publier"):   To(Staff, System),
		Event("campagne", "archiver"):  To(Staff),
	}
}
