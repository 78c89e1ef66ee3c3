/**
 * The step-and-Taylor overlay inside the 3-D scene (`./overshootObject.ts`), redrawn when the
 * selected run's point, the scrub or the landscape changes. Mounted only while the overlay is on:
 * switching it off disposes its geometries and materials. As with the trajectories, the object is
 * added to a stable group in an effect (and removed and disposed in its cleanup), so a remount
 * (React's strict mode) attaches it again.
 */
import { useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo } from 'react';
import { Group, SphereGeometry } from 'three';
import { useAppStore } from '../state/store';
import { LECTURE_LINE_SCALE } from './lecture-style';
import type { LandscapeModel } from './model';
import { useOvershootView } from './overshoot-view';
import { OvershootObject } from './overshootObject';

export function OvershootLayer({ model }: { model: LandscapeModel }) {
  const view = useOvershootView();
  const lecture = useAppStore((s) => s.lecture);
  const invalidate = useThree((s) => s.invalidate);
  const group = useMemo(() => new Group(), []);
  const sphere = useMemo(() => new SphereGeometry(1, 20, 14), []);
  const object = useMemo(() => new OvershootObject(sphere), [sphere]);
  useEffect(() => {
    group.add(object.group);
    invalidate();
    return () => object.dispose();
  }, [group, object, invalidate]);
  useEffect(() => () => sphere.dispose(), [sphere]);
  useLayoutEffect(() => {
    object.setScale(lecture ? LECTURE_LINE_SCALE : 1);
    object.update(view, model.frame, model.transform);
    invalidate();
  }, [object, view, model, lecture, invalidate]);
  return <primitive object={group} />;
}
