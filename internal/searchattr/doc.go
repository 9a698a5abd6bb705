// Package searchattr hands package workflow what a wfsim.SearchAttributes
// holds but its public methods do not show: the attributes it unsets.
// Workflow code upserts them as null values, which remove the attributes.
//
// Package wfsim fills in Entries when it is initialised; workflow imports
// wfsim, so Entries is set before workflow can call it.
package searchattr
