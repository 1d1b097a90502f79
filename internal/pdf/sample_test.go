package pdf

import "time"

// sampleDossier returns a realistic, fictitious dossier: 50 answers in 6
// sections with every answer kind, a 30-row table, long texts and French
// accents. Tests and benchmarks use it; it is rebuilt on each call
// so callers may modify it.
func sampleDossier() *Dossier {
	text := func(label, s string) Item { return Item{Label: label, Answer: Answer{Kind: KindText, Text: s}} }
	long := func(label, s string) Item { return Item{Label: label, Answer: Answer{Kind: KindLongText, Text: s}} }
	link := func(label, desc, url string) Item {
		return Item{Label: label, Answer: Answer{Kind: KindLink, Text: desc, URL: url}}
	}
	none := func(label string) Item { return Item{Label: label} }
	table := func(label string, header []string, rows [][]string) Item {
		return Item{Label: label, Answer: Answer{Kind: KindTable, Table: &Table{Header: header, Rows: rows}}}
	}
	files := func(label string, fs ...File) Item {
		return Item{Label: label, Answer: Answer{Kind: KindFiles, Files: fs}}
	}

	return &Dossier{
		Label:     "Territoire Numérique Libre",
		Year:      2026,
		Reference: "TNL-2026-01999",
		Collectivite: Collectivite{
			Name:        "Saint-Gérard-lès-Écluses",
			Kind:        "Commune",
			Code:        "01999",
			Departement: "Ain (01)",
			Population:  12345,
		},
		Elu: Person{
			Name:    "Hélène Marchand-Dufresne",
			Mandate: "Maire adjointe déléguée au numérique et à la démocratie participative",
			Email:   "helene.marchand@saint-gerard-les-ecluses.fr",
		},
		CoEditors: []Person{
			{Name: "François Lefèvre", Mandate: "Directeur des systèmes d’information", Email: "f.lefevre@saint-gerard-les-ecluses.fr"},
			{Name: "Zoé Bénard", Mandate: "Chargée de mission données ouvertes", Email: "z.benard@saint-gerard-les-ecluses.fr"},
		},
		State:       "Labellisée",
		SubmittedAt: time.Date(2026, time.October, 14, 16, 5, 0, 0, time.UTC),
		Level:       &Level{Value: 3, Label: "Niveau 3 — Confirmé", Max: 5},
		GeneratedAt: time.Date(2026, time.December, 3, 8, 30, 0, 0, time.UTC),
		Sections: []Section{
			{
				Title: "Gouvernance et stratégie numérique",
				Intro: "Cette section décrit l’engagement politique de la collectivité en faveur du logiciel libre et la manière dont la stratégie numérique est pilotée.",
				Items: []Item{
					text("La collectivité a-t-elle adopté une délibération en faveur des logiciels libres ?",
						"Oui : délibération n° 2024-117 du conseil municipal du 12 mars 2024, adoptée à l’unanimité."),
					long("Décrivez la stratégie numérique de la collectivité.",
						"La stratégie « Saint-Gérard numérique 2030 » repose sur trois principes : la maîtrise des données publiques, la réversibilité des outils et la mutualisation avec les collectivités voisines. Elle a été élaborée en 2023 avec les agents, les élus et un panel de quinze habitants tirés au sort.\n\n"+
							"Chaque nouveau projet fait l’objet d’une étude d’opportunité qui examine d’abord les solutions libres existantes, notamment celles référencées au Comptoir du Libre et au socle interministériel de logiciels libres. Un logiciel propriétaire n’est retenu que lorsqu’aucune alternative libre ne répond au besoin, et la décision est alors motivée devant le comité de pilotage.\n\n"+
							"Le schéma directeur prévoit la migration complète des postes de travail d’ici à 2028, l’ouverture de l’ensemble des données non personnelles et la publication du code source des développements financés par la commune."),
					text("Qui pilote la politique numérique ?",
						"Un comité de pilotage présidé par l’adjointe au numérique, réuni chaque trimestre, associe la direction générale, la DSI et deux représentants du personnel."),
					link("Lien vers la délibération publiée",
						"Délibération publiée au recueil des actes administratifs",
						"https://www.saint-gerard-les-ecluses.fr/deliberations/2024-117-logiciels-libres.pdf"),
					files("Pièces justificatives de la gouvernance",
						File{Name: "délibération-2024-117.pdf", Size: 1234567, SHA256: "7d41547a036cf6b9a28a1c8d4eab2f56b909278b2ca1a2727d1908318bce824b"},
						File{Name: "compte-rendu-comité-de-pilotage-2025-09.odt", Size: 88412, SHA256: "ec53fa923edd7a0acd542bc1d39efba8f6c3cf4989820cd1e9e6834691649d8a"},
					),
					none("Budget annuel consacré aux logiciels libres (en euros)"),
					text("Part du budget informatique consacrée au libre",
						"42\u202f% du budget de fonctionnement informatique en 2025, soit 186\u202f000\u00a0€."),
					long("Freins rencontrés et leviers mobilisés",
						"Le principal frein a été l’interopérabilité avec certains logiciels métiers imposés par des partenaires. La commune a obtenu de ses prestataires l’export des données dans des formats ouverts (ODF, CSV, GeoJSON) et a inscrit cette exigence dans tous ses marchés depuis 2024.\n"+
							"Le second frein, l’appréhension des agents, a été levé par un accompagnement de proximité : des « ambassadeurs du libre » dans chaque service et des ateliers mensuels ouverts à tous."),
				},
			},
			{
				Title: "Logiciels libres et postes de travail",
				Intro: "Inventaire des logiciels utilisés, état de la migration des postes et accompagnement des agents.",
				Items: []Item{
					table("Inventaire des logiciels métiers et bureautiques",
						[]string{"Logiciel", "Usage", "Licence", "Statut"},
						[][]string{
							{"LibreOffice", "Bureautique (traitement de texte, tableur, présentations)", "MPL 2.0", "En production"},
							{"Thunderbird", "Messagerie et agendas des agents", "MPL 2.0", "En production"},
							{"Firefox ESR", "Navigation", "MPL 2.0", "En production"},
							{"Debian 12", "Système d’exploitation des postes de travail", "Licences libres (DFSG)", "En production"},
							{"Nextcloud", "Partage de fichiers avec les élus et les partenaires", "AGPL 3.0", "En production"},
							{"Collabora Online", "Édition collaborative de documents", "MPL 2.0", "En production"},
							{"Jitsi Meet", "Visioconférence", "Apache 2.0", "En production"},
							{"GLPI", "Gestion du parc informatique, inventaire automatique et centre d’assistance aux agents", "GPL 3.0", "En production"},
							{"Zabbix", "Supervision des serveurs et du réseau", "AGPL 3.0", "En production"},
							{"Keycloak", "Authentification unique", "Apache 2.0", "En test"},
							{"QGIS", "Système d’information géographique", "GPL 2.0", "En production"},
							{"PostgreSQL et PostGIS", "Bases de données, dont les données géographiques", "PostgreSQL, GPL 2.0", "En production"},
							{"Lizmap", "Publication cartographique en ligne", "MPL 2.0", "En production"},
							{"openCimetière", "Gestion des concessions funéraires", "AGPL 3.0", "En production"},
							{"openÉlec", "Listes électorales", "AGPL 3.0", "Abandonné (répertoire électoral unique)"},
							{"openADS", "Instruction des autorisations d’urbanisme", "AGPL 3.0", "En production"},
							{"openRésultat", "Saisie et publication des résultats électoraux", "AGPL 3.0", "En production"},
							{"Pastell", "Dématérialisation des flux : actes, marchés, ressources humaines", "AGPL 3.0", "En production (mutualisé)"},
							{"iParapheur", "Circuits de validation et signature électronique", "AGPL 3.0", "En production"},
							{"S²LOW", "Télétransmission des actes au contrôle de légalité", "AGPL 3.0", "En production"},
							{"Asqatasun", "Audit automatisé de l’accessibilité", "AGPL 3.0", "En test"},
							{"Matomo", "Mesure d’audience respectueuse de la vie privée", "GPL 3.0", "En production"},
							{"Decidim", "Budget participatif et concertations", "AGPL 3.0", "En projet (2027)"},
							{"WordPress", "Site internet de la commune", "GPL 2.0", "En production"},
							{"Moodle", "Formation en ligne des agents", "GPL 3.0", "En test"},
							{"Inkscape", "Création graphique", "GPL 2.0", "En production"},
							{"GIMP", "Retouche d’images", "GPL 3.0", "En production"},
							{"Scribus", "Mise en page du bulletin municipal « Le Gérardin »", "GPL 2.0", "En production"},
							{"KeePassXC", "Coffre-fort de mots de passe", "GPL 3.0", "En production"},
							{"BorgBackup", "Sauvegardes chiffrées et dédupliquées", "BSD 3 clauses", "En production"},
						}),
					text("Nombre de postes de travail sous système libre",
						"87 postes sur 212 (41\u202f%), sous Debian 12 avec l’environnement GNOME."),
					long("Décrivez la démarche de migration des postes de travail.",
						"La migration a commencé en 2024 par les services techniques et la médiathèque, volontaires. Chaque service migre après un inventaire de ses usages, une semaine de double équipement et une formation d’une demi-journée.\n\n"+
							"Les postes sont installés par une image maîtresse construite avec FAI (Fully Automatic Installation) et administrés avec Ansible ; les mises à jour de sécurité sont appliquées chaque nuit. Les rares applications Windows encore nécessaires (logiciel de paie, gestion financière) sont publiées par un serveur d’applications, en attendant leur remplacement prévu au schéma directeur.\n\n"+
							"Le bilan à dix-huit mois est positif : le nombre de tickets d’assistance par poste a baissé de 23\u202f% et la durée de démarrage des postes a été divisée par trois. Les agents soulignent la stabilité du système et la simplicité des mises à jour."),
					none("Logiciels propriétaires restant à remplacer et échéances"),
					link("Catalogue des logiciels utilisés",
						"Fiche de la collectivité sur le Comptoir du Libre",
						"https://comptoir-du-libre.org/fr/users/1999"),
					text("Suite bureautique utilisée",
						"LibreOffice 24.8 sur tous les postes ; Collabora Online pour l’édition partagée dans Nextcloud."),
					files("Rapport de migration",
						File{Name: "rapport-migration-postes-2025.pdf", Size: 3456789, SHA256: "ab6bad2ba4bc3f1809fd1c267f9fa284aec6a88d3ed73ef72632f6c34a8786fb"},
					),
					text("Solution de messagerie",
						"Serveur Postfix et Dovecot mutualisé avec la communauté de communes ; webmail Roundcube."),
					long("Comment les agents sont-ils accompagnés ?",
						"Douze ambassadeurs du libre, formés pendant trois jours, assurent un premier niveau d’assistance dans leur service. Une permanence hebdomadaire « café numérique » permet de poser toutes les questions, et un wiki interne rassemble 140 fiches pratiques rédigées par les agents eux-mêmes."),
				},
			},
			{
				Title: "Données ouvertes",
				Intro: "Publication des données publiques, licences et réutilisations.",
				Items: []Item{
					link("Portail de données ouvertes", "", "https://data.saint-gerard-les-ecluses.fr/"),
					text("Nombre de jeux de données publiés",
						"37 jeux de données, sous Licence Ouverte 2.0 (32) et ODbL (5)."),
					table("Principaux jeux de données",
						[]string{"Jeu de données", "Format", "Mise à jour"},
						[][]string{
							{"Délibérations du conseil municipal", "CSV, PDF", "Après chaque séance"},
							{"Budget primitif et compte administratif", "CSV (SCDL)", "Annuelle"},
							{"Équipements publics géolocalisés", "GeoJSON", "Mensuelle"},
							{"Horaires des services et de la médiathèque", "JSON, iCalendar", "Hebdomadaire"},
							{"Consommations énergétiques des bâtiments", "CSV", "Trimestrielle"},
						}),
					long("Décrivez la gouvernance de la donnée.",
						"Un administrateur général des données, rattaché à la direction générale, tient le registre des jeux de données et s’assure de la conformité au RGPD avant toute publication. Les schémas nationaux (SCDL) sont appliqués dès qu’ils existent.\n"+
							"Les demandes de réutilisation sont suivies dans GLPI et reçoivent une réponse sous dix jours ouvrés."),
					none("Réutilisations recensées"),
					text("Les données sont-elles moissonnées par data.gouv.fr ?",
						"Oui, automatiquement chaque nuit via l’API du portail."),
					files("Bilan de la politique d’ouverture",
						File{Name: "bilan-open-data-2025.ods", Size: 245760, SHA256: "9c42fcf33eeef544c8b01d782c38061a0bd0f33bdfd42afd8ae18500da31ed6e"},
					),
					text("Données en temps réel",
						"Occupation des parkings et fréquentation de la piscine, publiées toutes les cinq minutes."),
				},
			},
			{
				Title: "Mutualisation et contribution",
				Intro: "Partage des outils avec d’autres collectivités et contributions aux communs numériques.",
				Items: []Item{
					long("Décrivez les contributions de la collectivité aux logiciels libres.",
						"La commune a financé en 2025 le développement d’un module d’export GeoJSON pour openCimetière, reversé au projet et désormais utilisé par une quarantaine de communes. Ses agents signalent les anomalies rencontrées et participent aux réunions des utilisateurs d’openADS.\n\n"+
							"La DSI publie ses rôles Ansible de déploiement des postes de travail, réutilisés par deux collectivités voisines, et traduit en français la documentation de plusieurs outils."),
					link("Dépôt de code de la collectivité",
						"Forge publique hébergée par l’ADULLACT",
						"https://gitlab.adullact.net/saint-gerard-les-ecluses"),
					text("Adhésions",
						"Membre de l’ADULLACT depuis 2019 et de l’association Déclic depuis 2022."),
					none("Montant des contributions financières aux projets libres"),
					table("Mutualisations en cours",
						[]string{"Partenaire", "Objet", "Depuis"},
						[][]string{
							{"Communauté de communes Dombes-Saône", "Messagerie, sauvegardes et hébergement", "2021"},
							{"Syndicat intercommunal d’énergie", "Système d’information géographique", "2022"},
							{"Commune de Montrevel-en-Bresse", "Ambassadeurs du libre, supports de formation", "2024"},
							{"Département de l’Ain", "Parapheur électronique et télétransmission", "2023"},
						}),
					text("Participation à des groupes de travail",
						"Groupe « postes de travail libres » de l’ADULLACT et club des utilisateurs d’openMairie."),
					files("Conventions de mutualisation",
						File{Name: "convention-mutualisation-CCDS.pdf", Size: 512000, SHA256: "3c6353bddc86dbc94ac10890a9dc47b97fe3934173cb0f858b6927cbf090ef19"},
					),
					long("Projets de mutualisation envisagés",
						"La commune propose de porter, avec trois communes voisines, un groupement de commandes pour la maintenance de Nextcloud et de Collabora Online, afin de partager le coût du support professionnel et de financer des évolutions utiles à toutes."),
				},
			},
			{
				Title: "Services aux usagers et accessibilité",
				Intro: "Qualité, accessibilité et respect de la vie privée des services numériques offerts aux habitants.",
				Items: []Item{
					text("Démarches en ligne proposées",
						"24 démarches, dont l’inscription scolaire, les réservations de salles et les signalements sur l’espace public."),
					link("Déclaration d’accessibilité du site", "",
						"https://www.saint-gerard-les-ecluses.fr/accessibilite"),
					long("Comment la collectivité protège-t-elle la vie privée des usagers ?",
						"Aucun traceur tiers n’est utilisé : la mesure d’audience repose sur Matomo, configuré sans cookie et exempté de consentement selon les recommandations de la CNIL. Les formulaires ne collectent que les données nécessaires et les durées de conservation figurent dans le registre des traitements, publié en ligne."),
					text("Taux de conformité au RGAA",
						"78\u202f% (audit du 3 juin 2025) ; objectif de 100\u202f% en 2027."),
					none("Nombre de réclamations relatives à l’accessibilité"),
					text("Les services sont-ils disponibles hors connexion ?",
						"Les horaires, les menus de la cantine et l’agenda sont aussi diffusés en PDF accessible et sur papier."),
					files("Audit d’accessibilité",
						File{Name: "audit-RGAA-2025.pdf", Size: 2097152, SHA256: "66ff68cdd9b03bf63a5e70eb7f863eb78b4d4a5ecd0882bb2059a4f4118218d6"},
						File{Name: "déclaration-d’accessibilité.html", Size: 18432, SHA256: "6162457ff7b7e7e26f552f34fc8e2c2c0b601a1509075a80e659dae8c6f62052"},
					),
					text("Médiation numérique",
						"Deux conseillers numériques France Services tiennent six permanences par semaine, dont une à la médiathèque."),
					long("Associez-vous les habitants à la conception des services ?",
						"Chaque nouveau service en ligne est testé par un panel d’habitants volontaires, dont des personnes en situation de handicap, avant sa mise en production. Les retours sont publiés avec les corrections apportées."),
				},
			},
			{
				Title: "Formation et sobriété numérique",
				Intro: "Montée en compétences des agents et des élus, et réduction de l’empreinte environnementale du numérique.",
				Items: []Item{
					text("Plan de formation",
						"Plan triennal 2025-2027 : 1\u202f450 heures de formation aux outils libres."),
					long("Décrivez les actions de sobriété numérique.",
						"La durée de vie des postes a été portée de cinq à sept ans grâce à des systèmes plus légers ; les matériels réformés sont reconditionnés par une entreprise d’insertion puis donnés aux associations et aux écoles.\n\n"+
							"Les serveurs ont été regroupés dans le centre de données mutualisé de la communauté de communes, dont la chaleur chauffe la piscine voisine. L’impression est désormais recto verso par défaut, ce qui a réduit de 38\u202f% la consommation de papier en deux ans."),
					text("Durée moyenne d’utilisation des postes",
						"7 ans (contre 5 ans en 2022)."),
					link("Bilan carbone du numérique", "Bilan publié sur le site de la commune",
						"https://www.saint-gerard-les-ecluses.fr/bilan-carbone-numerique"),
					none("Consommation électrique annuelle du système d’information (en kWh)"),
					text("Part des agents formés aux outils libres",
						"64\u202f% des agents, et 100\u202f% des encadrants."),
					files("Attestations de formation",
						File{Name: "plan-de-formation-2025-2027.pdf", Size: 734003, SHA256: "f7ddb8bc97cf4e7ae9d30299947729be46eecd9708d5829a9168e313ae983da2"},
						File{Name: "attestations-formation-élus.zip", Size: 15728640, SHA256: "0a625ca291c714f287f090f4f5a9dcb9827e131ec3c8a47213b3fcc3e873521f"},
					),
					long("Les élus sont-ils formés ?",
						"Oui : un module de deux heures sur les enjeux du logiciel libre et des communs numériques est proposé à chaque élu en début de mandat ; 21 élus sur 33 l’ont suivi."),
				},
			},
		},
	}
}

// sampleReceipt returns the acknowledgement of receipt of sampleDossier.
func sampleReceipt() *Receipt {
	return &Receipt{
		Label:         "Territoire Numérique Libre",
		Reference:     "TNL-2026-01999",
		Collectivite:  "Saint-Gérard-lès-Écluses",
		Elu:           Person{Name: "Hélène Marchand-Dufresne", Mandate: "Maire adjointe déléguée au numérique", Email: "helene.marchand@saint-gerard-les-ecluses.fr"},
		Year:          2026,
		SubmittedAt:   time.Date(2026, time.October, 14, 16, 5, 0, 0, time.UTC),
		SubmittedBy:   "François Lefèvre",
		AnswersCount:  44,
		EvidenceCount: 9,
		Hash:          "5f2b8c0e9a71d4c3b6e8f0a2d1c4b7e9a3f6d8c2b5e1a4f7c0d3b6e9a2f5c8d1",
	}
}

// sampleCertificate returns a certificate for sampleDossier.
func sampleCertificate() *Certificate {
	return &Certificate{
		Scheme:       "Territoire Numérique Libre",
		Collectivite: "Saint-Gérard-lès-Écluses",
		Year:         2026,
		Level:        Level{Value: 3, Label: "Niveau 3 — Confirmé", Max: 5},
		Motivation: "Le jury salue une stratégie cohérente et assumée politiquement : migration méthodique des postes de travail, " +
			"ouverture exemplaire des données publiques et contributions reversées aux logiciels métiers utilisés par de nombreuses communes. " +
			"Il encourage la collectivité à poursuivre la mise en accessibilité de ses services en ligne.",
		Mentions: []string{"Mention spéciale « Données ouvertes »", "Coup de cœur du jury pour l’accompagnement des agents"},
		IssuedAt: time.Date(2026, time.December, 10, 11, 0, 0, 0, time.UTC),
	}
}
