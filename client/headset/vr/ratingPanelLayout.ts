// Where the craving scale sits, in metres: a metre in front of a seated or standing patient, readable
// and never close to the face. Shared with the end-to-end tests that aim the controller at it.
export const PANEL_POSITION: [number, number, number] = [0, 1.25, -1.0];
export const LINE_WIDTH = 0.8;
export const LINE_Y = -0.02;
export const CONFIRM_Y = -0.17;
