pub mod eval;
pub mod extract;
