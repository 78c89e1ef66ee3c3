/**
 * The step-and-Taylor overlay inside the 3-D scene (`./overshootObject.ts`), redrawn when the
 * selected run's point, the scrub or the landscape changes. Mounted only while the overlay is on:
 * switching it off disposes its geometries and materials.
 */
import { useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { SphereGeometry } from 'three';
import { useAppStore } from '../state/store';
import { LECTURE_LINE_SCALE } from './lecture-style';
import type { LandscapeModel } from './model';
import { useOvershootView } from './overshoot-view';
import { OvershootObject } from './overshootObject';

export function OvershootLayer({ model }: { model: LandscapeModel }) {
  const view = useOvershootView();
  const lecture = useAppStore((s) => s.lecture);
  const invalidate = useThree((s) => s.invalidate);
  const sphere = useMemo(() => new SphereGeometry(1, 20, 14), []);
  const object = useMemo(() => new OvershootObject(sphere), [sphere]);
  useEffect(
    () => () => {
      object.dispose();
      sphere.dispose();
    },
    [object, sphere],
  );
  useLayoutEffect(() => {
    object.setScale(lecture ? LECTURE_LINE_SCALE : 1);
    object.update(view, model.frame, model.transform);
    invalidate();
  }, [object, view, model, lecture, invalidate]);
  return <primitive object={object.group} />;
}
