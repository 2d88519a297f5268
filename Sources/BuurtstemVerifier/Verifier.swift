enum VerifierPlaceholder {}
