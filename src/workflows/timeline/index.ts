export { recordTimelineStep } from "./steps/record-timeline"
export type { RecordTimelineStepInput } from "./steps/record-timeline"
export type {
  TimelineEntryInput,
  TimelineChange,
} from "../../modules/customer-timeline/types"
