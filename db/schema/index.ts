export * from "./hobbies";
export * from "./mail";
export * from "./matching";
export * from "./oauth";
export * from "./photos";
export * from "./telegram";
export * from "./tokens";
export * from "./users";
