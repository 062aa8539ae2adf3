import type { Loaded } from '../src/load/index.js';
import { loadProfile } from '../src/load/profile.js';
import type { Profile } from '../src/model/profile.js';

/** The sections of hubei-wuhan-2023, as its profile.yaml lists them (一 … 十三). */
export const WUHAN_SECTIONS = loadProfile('hubei-wuhan-2023', { file: 'test' }).narrative.sections;

/**
 * A loaded file under its form set with 第三部分 chosen otherwise: the calculator reads the
 * sections, charts and prose rule from loaded.profile and nowhere else, so this is how a test
 * composes a text. The cached profile itself is left as it was.
 */
export function underProfile(loaded: Loaded, change: { sections?: Profile['narrative']['sections']; charts?: boolean; numbers?: Profile['numbers'] }): Loaded {
  const { profile } = loaded;
  return {
    ...loaded,
    profile: {
      ...profile,
      narrative: {
        sections: change.sections ?? profile.narrative.sections,
        outline: change.sections ? change.sections.map((id) => ({ id, children: [] })) : profile.narrative.outline,
        charts: change.charts ?? profile.narrative.charts,
      },
      numbers: change.numbers ?? profile.numbers,
    },
  };
}
