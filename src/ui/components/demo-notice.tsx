// The mark on anything that comes from the demonstration directory.
import { DEMO_DIRECTORY_LABEL } from '../../directory/demo-label';

export function DemoNotice() {
  return <span class="demo-badge">{DEMO_DIRECTORY_LABEL}</span>;
}
