-- SIP gateway plugin, schema version 1: one stable numeric PIN per conference room (dial-in without headers).
CREATE TABLE ofSipGwRoomPin (
  pin       VARCHAR(16)  NOT NULL,
  room      VARCHAR(255) NOT NULL,
  created   BIGINT NOT NULL,
  CONSTRAINT ofSipGwRoomPin_pk PRIMARY KEY (pin)
);
CREATE UNIQUE INDEX ofSipGwRoomPin_room_idx ON ofSipGwRoomPin (room);
INSERT INTO ofVersion (name, version) VALUES ('sipgateway', 1);
