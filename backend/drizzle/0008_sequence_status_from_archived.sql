-- Archived sequences keep their status when the boolean column goes (0009).
UPDATE `sequences` SET `status` = 'archived' WHERE `archived` = 1;
