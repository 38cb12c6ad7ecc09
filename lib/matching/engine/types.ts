/** One person to be matched this round, with the tag ids of their hobbies (treated as a set). */
export interface MatchingParticipant {
  id: number;
  hobbies: number[];
}

/** An earlier meeting of two users; `round` grows over time (older = smaller). */
export interface MatchingMeeting {
  a: number;
  b: number;
  round: number;
}

export interface MatchingInput {
  participants: MatchingParticipant[];
  // Earlier meetings. Pairs may repeat (the latest round counts); ids may be unknown (ignored).
  history: MatchingMeeting[];
  // Drives every tie-break: same input + same seed gives the same groups.
  seed: number;
}

export interface MatchingResult {
  groups: number[][]; // each group holds 2 or 3 participant ids
}
