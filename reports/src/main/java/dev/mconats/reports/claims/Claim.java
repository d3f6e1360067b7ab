package dev.mconats.reports.claims;

/**
 * One claim a run tested, and what the run found.
 *
 * @param claim   the claim as its source states it
 * @param source  who claims it
 * @param status  confirmed, contradicted, could not tell, not tested
 * @param finding what this run measured, up to what size
 */
public record Claim(String claim, String source, ClaimStatus status, String finding) {
}
