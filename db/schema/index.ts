export * from "./hobbies";
export * from "./matching";
export * from "./telegram";
export * from "./tokens";
export * from "./users";
