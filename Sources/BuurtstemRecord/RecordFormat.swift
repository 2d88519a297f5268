/// Placeholder until the record format lands.
enum RecordPlaceholder {}
