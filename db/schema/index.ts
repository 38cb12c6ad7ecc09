export * from "./hobbies";
export * from "./matching";
export * from "./tokens";
export * from "./users";
