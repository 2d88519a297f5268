import ArgumentParser
import Buurtstem
import BuurtstemRecord

// The allocation settings are the engine's own enums: `buurtstem allocate` reads them by their published names
// (docs/allocation.md), and ArgumentParser refuses any other name listing the valid ones, so no setting travels as
// a string to be parsed again (issue 20).

extension AllocationRule: ExpressibleByArgument {}

extension Satisfaction: ExpressibleByArgument {}

extension Completion: ExpressibleByArgument {}
