// Package policy answers every « may this person do this to this subject »
// question of tnl, in one place.
//
// A person's standing towards a subject is a set of relations, computed
// once per request (or per transition) from facts loaded with the subject:
// the élu référent and the accompagnateurs of a candidature, the members and
// the president of the jury of its campaign, the jurors assigned to it,
// ADULLACT staff, the platform itself, and anyone (public). The table
// (table.go) says, for every action — a page or API route, a lifecycle
// event —, which relations grant it. Routes name their action in the route
// table, the workflow engine asks for the action « <lifecycle>.<event> »
// before firing, and the services ask for the finer rules (who sees the
// level before publication, who sees the reviewers' names).
//
// The package is pure: it loads nothing. Whoever loads a subject fills
// Facts; Relations turns them into a Set; Decide applies the table.
package policy
