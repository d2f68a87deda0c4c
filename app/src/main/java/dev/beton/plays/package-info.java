/**
 * Sales plays (issue 17 §4): per account, why now, who to contact, talking points, next steps and
 * risks, grounded only in Beton's own facts (score receipt, signals and evidence, usage trend,
 * champions, firmographics, deal state). Written by deterministic templates by default; optionally
 * by an LLM behind an OpenAI-compatible endpoint, given the same numbered facts and made to cite
 * them. Downloadable as Markdown and attachable to the account's Attio deal as a note.
 */
package dev.beton.plays;
