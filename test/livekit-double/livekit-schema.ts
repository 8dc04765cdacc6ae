// LiveKit protobuf messages as the double needs them, transcribed from @livekit/protocol 1.51.0
// (`<Message>.fields.list()`: number, proto name, JSON name, type, declaration order, oneofs).
// Deep messages the double never looks into (egress requests and results, tracks, ingress, jobs)
// are `opaque`: any JSON object is accepted and passed through unchanged.

import type { EnumDef, MessageDef } from './proto-json.js';

export const TrackSource: EnumDef = {
  typeName: 'livekit.TrackSource',
  values: [
    [0, 'UNKNOWN'],
    [1, 'CAMERA'],
    [2, 'MICROPHONE'],
    [3, 'SCREEN_SHARE'],
    [4, 'SCREEN_SHARE_AUDIO'],
  ],
};

export const JobRestartPolicy: EnumDef = {
  typeName: 'livekit.JobRestartPolicy',
  values: [
    [0, 'JRP_ON_FAILURE'],
    [1, 'JRP_NEVER'],
  ],
};

export const ParticipantState: EnumDef = {
  typeName: 'livekit.ParticipantInfo.State',
  values: [
    [0, 'JOINING'],
    [1, 'JOINED'],
    [2, 'ACTIVE'],
    [3, 'DISCONNECTED'],
  ],
};

export const ParticipantKind: EnumDef = {
  typeName: 'livekit.ParticipantInfo.Kind',
  values: [
    [0, 'STANDARD'],
    [1, 'INGRESS'],
    [2, 'EGRESS'],
    [3, 'SIP'],
    [4, 'AGENT'],
    [7, 'CONNECTOR'],
    [8, 'BRIDGE'],
  ],
};

export const ParticipantKindDetail: EnumDef = {
  typeName: 'livekit.ParticipantInfo.KindDetail',
  values: [
    [0, 'CLOUD_AGENT'],
    [1, 'FORWARDED'],
    [2, 'CONNECTOR_WHATSAPP'],
    [3, 'CONNECTOR_TWILIO'],
    [4, 'BRIDGE_RTSP'],
    [5, 'SIMULATION'],
  ],
};

export const DisconnectReason: EnumDef = {
  typeName: 'livekit.DisconnectReason',
  values: [
    [0, 'UNKNOWN_REASON'],
    [1, 'CLIENT_INITIATED'],
    [2, 'DUPLICATE_IDENTITY'],
    [3, 'SERVER_SHUTDOWN'],
    [4, 'PARTICIPANT_REMOVED'],
    [5, 'ROOM_DELETED'],
    [6, 'STATE_MISMATCH'],
    [7, 'JOIN_FAILURE'],
    [8, 'MIGRATION'],
    [9, 'SIGNAL_CLOSE'],
    [10, 'ROOM_CLOSED'],
    [11, 'USER_UNAVAILABLE'],
    [12, 'USER_REJECTED'],
    [13, 'SIP_TRUNK_FAILURE'],
    [14, 'CONNECTION_TIMEOUT'],
    [15, 'MEDIA_FAILURE'],
    [16, 'AGENT_ERROR'],
  ],
};

export const ClientCapability: EnumDef = {
  typeName: 'livekit.ClientInfo.Capability',
  values: [
    [0, 'CAP_UNUSED'],
    [1, 'CAP_PACKET_TRAILER'],
    [2, 'CAP_COMPRESSION_DEFLATE_RAW'],
  ],
};

export const EgressSourceType: EnumDef = {
  typeName: 'livekit.EgressSourceType',
  values: [
    [0, 'EGRESS_SOURCE_TYPE_WEB'],
    [1, 'EGRESS_SOURCE_TYPE_SDK'],
  ],
};

export const EgressStatus: EnumDef = {
  typeName: 'livekit.EgressStatus',
  values: [
    [0, 'EGRESS_STARTING'],
    [1, 'EGRESS_ACTIVE'],
    [2, 'EGRESS_ENDING'],
    [3, 'EGRESS_COMPLETE'],
    [4, 'EGRESS_FAILED'],
    [5, 'EGRESS_ABORTED'],
    [6, 'EGRESS_LIMIT_REACHED'],
  ],
};

export const RoomEndReason: EnumDef = {
  typeName: 'livekit.RoomEndReason',
  values: [
    [0, 'ROOM_END_UNKNOWN'],
    [1, 'ROOM_END_API_DELETE'],
    [2, 'ROOM_END_IDLE_TIMEOUT'],
    [3, 'ROOM_END_SERVER_SHUTDOWN'],
    [4, 'ROOM_END_SUPERSEDED'],
    [5, 'ROOM_END_OPEN_FAILED'],
  ],
};

// --- shared messages -------------------------------------------------------------------------

export const RoomAgentDispatch: MessageDef = {
  typeName: 'livekit.RoomAgentDispatch',
  fields: [
    { no: 1, name: 'agent_name', json: 'agentName', kind: 'scalar', T: 'string' },
    { no: 2, name: 'metadata', json: 'metadata', kind: 'scalar', T: 'string' },
    { no: 3, name: 'restart_policy', json: 'restartPolicy', kind: 'enum', T: JobRestartPolicy },
    { no: 4, name: 'deployment', json: 'deployment', kind: 'scalar', T: 'string' },
    { no: 5, name: 'attributes', json: 'attributes', kind: 'map', V: 'string' },
  ],
};

export const RoomEgress: MessageDef = {
  typeName: 'livekit.RoomEgress',
  fields: [
    { no: 1, name: 'room', json: 'room', kind: 'opaque', typeName: 'livekit.RoomCompositeEgressRequest' },
    { no: 3, name: 'participant', json: 'participant', kind: 'opaque', typeName: 'livekit.AutoParticipantEgress' },
    { no: 2, name: 'tracks', json: 'tracks', kind: 'opaque', typeName: 'livekit.AutoTrackEgress' },
  ],
};

export const ParticipantPermission: MessageDef = {
  typeName: 'livekit.ParticipantPermission',
  fields: [
    { no: 1, name: 'can_subscribe', json: 'canSubscribe', kind: 'scalar', T: 'bool' },
    { no: 2, name: 'can_publish', json: 'canPublish', kind: 'scalar', T: 'bool' },
    { no: 3, name: 'can_publish_data', json: 'canPublishData', kind: 'scalar', T: 'bool' },
    { no: 9, name: 'can_publish_sources', json: 'canPublishSources', kind: 'enum', T: TrackSource, repeated: true },
    { no: 7, name: 'hidden', json: 'hidden', kind: 'scalar', T: 'bool' },
    { no: 8, name: 'recorder', json: 'recorder', kind: 'scalar', T: 'bool' },
    { no: 10, name: 'can_update_metadata', json: 'canUpdateMetadata', kind: 'scalar', T: 'bool' },
    { no: 11, name: 'agent', json: 'agent', kind: 'scalar', T: 'bool' },
    { no: 12, name: 'can_subscribe_metrics', json: 'canSubscribeMetrics', kind: 'scalar', T: 'bool' },
    { no: 13, name: 'can_manage_agent_session', json: 'canManageAgentSession', kind: 'scalar', T: 'bool' },
  ],
};

export const Codec: MessageDef = {
  typeName: 'livekit.Codec',
  fields: [
    { no: 1, name: 'mime', json: 'mime', kind: 'scalar', T: 'string' },
    { no: 2, name: 'fmtp_line', json: 'fmtpLine', kind: 'scalar', T: 'string' },
  ],
};

export const TimedVersion: MessageDef = {
  typeName: 'livekit.TimedVersion',
  fields: [
    { no: 1, name: 'unix_micro', json: 'unixMicro', kind: 'scalar', T: 'int64' },
    { no: 2, name: 'ticks', json: 'ticks', kind: 'scalar', T: 'int32' },
  ],
};

export const Room: MessageDef = {
  typeName: 'livekit.Room',
  fields: [
    { no: 1, name: 'sid', json: 'sid', kind: 'scalar', T: 'string' },
    { no: 2, name: 'name', json: 'name', kind: 'scalar', T: 'string' },
    { no: 3, name: 'empty_timeout', json: 'emptyTimeout', kind: 'scalar', T: 'uint32' },
    { no: 14, name: 'departure_timeout', json: 'departureTimeout', kind: 'scalar', T: 'uint32' },
    { no: 4, name: 'max_participants', json: 'maxParticipants', kind: 'scalar', T: 'uint32' },
    { no: 5, name: 'creation_time', json: 'creationTime', kind: 'scalar', T: 'int64' },
    { no: 15, name: 'creation_time_ms', json: 'creationTimeMs', kind: 'scalar', T: 'int64' },
    { no: 6, name: 'turn_password', json: 'turnPassword', kind: 'scalar', T: 'string' },
    { no: 7, name: 'enabled_codecs', json: 'enabledCodecs', kind: 'message', T: () => Codec, repeated: true },
    { no: 8, name: 'metadata', json: 'metadata', kind: 'scalar', T: 'string' },
    { no: 9, name: 'num_participants', json: 'numParticipants', kind: 'scalar', T: 'uint32' },
    { no: 11, name: 'num_publishers', json: 'numPublishers', kind: 'scalar', T: 'uint32' },
    { no: 10, name: 'active_recording', json: 'activeRecording', kind: 'scalar', T: 'bool' },
    { no: 13, name: 'version', json: 'version', kind: 'message', T: () => TimedVersion },
  ],
};

export const ParticipantInfo: MessageDef = {
  typeName: 'livekit.ParticipantInfo',
  fields: [
    { no: 1, name: 'sid', json: 'sid', kind: 'scalar', T: 'string' },
    { no: 2, name: 'identity', json: 'identity', kind: 'scalar', T: 'string' },
    { no: 3, name: 'state', json: 'state', kind: 'enum', T: ParticipantState },
    { no: 4, name: 'tracks', json: 'tracks', kind: 'opaque', typeName: 'livekit.TrackInfo', repeated: true },
    { no: 5, name: 'metadata', json: 'metadata', kind: 'scalar', T: 'string' },
    { no: 6, name: 'joined_at', json: 'joinedAt', kind: 'scalar', T: 'int64' },
    { no: 17, name: 'joined_at_ms', json: 'joinedAtMs', kind: 'scalar', T: 'int64' },
    { no: 9, name: 'name', json: 'name', kind: 'scalar', T: 'string' },
    { no: 10, name: 'version', json: 'version', kind: 'scalar', T: 'uint32' },
    { no: 11, name: 'permission', json: 'permission', kind: 'message', T: () => ParticipantPermission },
    { no: 12, name: 'region', json: 'region', kind: 'scalar', T: 'string' },
    { no: 13, name: 'is_publisher', json: 'isPublisher', kind: 'scalar', T: 'bool' },
    { no: 14, name: 'kind', json: 'kind', kind: 'enum', T: ParticipantKind },
    { no: 15, name: 'attributes', json: 'attributes', kind: 'map', V: 'string' },
    { no: 16, name: 'disconnect_reason', json: 'disconnectReason', kind: 'enum', T: DisconnectReason },
    { no: 18, name: 'kind_details', json: 'kindDetails', kind: 'enum', T: ParticipantKindDetail, repeated: true },
    { no: 19, name: 'data_tracks', json: 'dataTracks', kind: 'opaque', typeName: 'livekit.DataTrackInfo', repeated: true },
    { no: 20, name: 'client_protocol', json: 'clientProtocol', kind: 'scalar', T: 'int32' },
    { no: 21, name: 'capabilities', json: 'capabilities', kind: 'enum', T: ClientCapability, repeated: true },
  ],
};

export const TokenPagination: MessageDef = {
  typeName: 'livekit.TokenPagination',
  fields: [{ no: 1, name: 'token', json: 'token', kind: 'scalar', T: 'string' }],
};

export const EgressInfo: MessageDef = {
  typeName: 'livekit.EgressInfo',
  fields: [
    { no: 1, name: 'egress_id', json: 'egressId', kind: 'scalar', T: 'string' },
    { no: 2, name: 'room_id', json: 'roomId', kind: 'scalar', T: 'string' },
    { no: 13, name: 'room_name', json: 'roomName', kind: 'scalar', T: 'string' },
    { no: 26, name: 'source_type', json: 'sourceType', kind: 'enum', T: EgressSourceType },
    { no: 3, name: 'status', json: 'status', kind: 'enum', T: EgressStatus },
    { no: 10, name: 'started_at', json: 'startedAt', kind: 'scalar', T: 'int64' },
    { no: 11, name: 'ended_at', json: 'endedAt', kind: 'scalar', T: 'int64' },
    { no: 18, name: 'updated_at', json: 'updatedAt', kind: 'scalar', T: 'int64' },
    { no: 29, name: 'egress', json: 'egress', kind: 'opaque', typeName: 'livekit.StartEgressRequest', oneof: 'request' },
    { no: 30, name: 'replay', json: 'replay', kind: 'opaque', typeName: 'livekit.ExportReplayRequest', oneof: 'request' },
    { no: 4, name: 'room_composite', json: 'roomComposite', kind: 'opaque', typeName: 'livekit.RoomCompositeEgressRequest', oneof: 'request' },
    { no: 14, name: 'web', json: 'web', kind: 'opaque', typeName: 'livekit.WebEgressRequest', oneof: 'request' },
    { no: 19, name: 'participant', json: 'participant', kind: 'opaque', typeName: 'livekit.ParticipantEgressRequest', oneof: 'request' },
    { no: 5, name: 'track_composite', json: 'trackComposite', kind: 'opaque', typeName: 'livekit.TrackCompositeEgressRequest', oneof: 'request' },
    { no: 6, name: 'track', json: 'track', kind: 'opaque', typeName: 'livekit.TrackEgressRequest', oneof: 'request' },
    { no: 15, name: 'stream_results', json: 'streamResults', kind: 'opaque', typeName: 'livekit.StreamInfo', repeated: true },
    { no: 16, name: 'file_results', json: 'fileResults', kind: 'opaque', typeName: 'livekit.FileInfo', repeated: true },
    { no: 17, name: 'segment_results', json: 'segmentResults', kind: 'opaque', typeName: 'livekit.SegmentsInfo', repeated: true },
    { no: 20, name: 'image_results', json: 'imageResults', kind: 'opaque', typeName: 'livekit.ImagesInfo', repeated: true },
    { no: 9, name: 'error', json: 'error', kind: 'scalar', T: 'string' },
    { no: 22, name: 'error_code', json: 'errorCode', kind: 'scalar', T: 'int32' },
    { no: 21, name: 'details', json: 'details', kind: 'scalar', T: 'string' },
    { no: 23, name: 'manifest_location', json: 'manifestLocation', kind: 'scalar', T: 'string' },
    { no: 25, name: 'backup_storage_used', json: 'backupStorageUsed', kind: 'scalar', T: 'bool' },
    { no: 27, name: 'retry_count', json: 'retryCount', kind: 'scalar', T: 'int32' },
    { no: 7, name: 'stream', json: 'stream', kind: 'opaque', typeName: 'livekit.StreamInfoList', oneof: 'result' },
    { no: 8, name: 'file', json: 'file', kind: 'opaque', typeName: 'livekit.FileInfo', oneof: 'result' },
    { no: 12, name: 'segments', json: 'segments', kind: 'opaque', typeName: 'livekit.SegmentsInfo', oneof: 'result' },
  ],
};

export const RoomConfiguration: MessageDef = {
  typeName: 'livekit.RoomConfiguration',
  fields: [
    { no: 1, name: 'name', json: 'name', kind: 'scalar', T: 'string' },
    { no: 2, name: 'empty_timeout', json: 'emptyTimeout', kind: 'scalar', T: 'uint32' },
    { no: 3, name: 'departure_timeout', json: 'departureTimeout', kind: 'scalar', T: 'uint32' },
    { no: 4, name: 'max_participants', json: 'maxParticipants', kind: 'scalar', T: 'uint32' },
    { no: 11, name: 'metadata', json: 'metadata', kind: 'scalar', T: 'string' },
    { no: 5, name: 'egress', json: 'egress', kind: 'message', T: () => RoomEgress },
    { no: 7, name: 'min_playout_delay', json: 'minPlayoutDelay', kind: 'scalar', T: 'uint32' },
    { no: 8, name: 'max_playout_delay', json: 'maxPlayoutDelay', kind: 'scalar', T: 'uint32' },
    { no: 9, name: 'sync_streams', json: 'syncStreams', kind: 'scalar', T: 'bool' },
    { no: 10, name: 'agents', json: 'agents', kind: 'message', T: () => RoomAgentDispatch, repeated: true },
    { no: 12, name: 'tags', json: 'tags', kind: 'map', V: 'string' },
  ],
};

// --- RoomService requests / responses ---------------------------------------------------------

export const CreateRoomRequest: MessageDef = {
  typeName: 'livekit.CreateRoomRequest',
  fields: [
    { no: 1, name: 'name', json: 'name', kind: 'scalar', T: 'string' },
    { no: 12, name: 'room_preset', json: 'roomPreset', kind: 'scalar', T: 'string' },
    { no: 2, name: 'empty_timeout', json: 'emptyTimeout', kind: 'scalar', T: 'uint32' },
    { no: 10, name: 'departure_timeout', json: 'departureTimeout', kind: 'scalar', T: 'uint32' },
    { no: 3, name: 'max_participants', json: 'maxParticipants', kind: 'scalar', T: 'uint32' },
    { no: 4, name: 'node_id', json: 'nodeId', kind: 'scalar', T: 'string' },
    { no: 5, name: 'metadata', json: 'metadata', kind: 'scalar', T: 'string' },
    { no: 15, name: 'tags', json: 'tags', kind: 'map', V: 'string' },
    { no: 6, name: 'egress', json: 'egress', kind: 'message', T: () => RoomEgress },
    { no: 7, name: 'min_playout_delay', json: 'minPlayoutDelay', kind: 'scalar', T: 'uint32' },
    { no: 8, name: 'max_playout_delay', json: 'maxPlayoutDelay', kind: 'scalar', T: 'uint32' },
    { no: 9, name: 'sync_streams', json: 'syncStreams', kind: 'scalar', T: 'bool' },
    { no: 13, name: 'replay_enabled', json: 'replayEnabled', kind: 'scalar', T: 'bool' },
    { no: 14, name: 'agents', json: 'agents', kind: 'message', T: () => RoomAgentDispatch, repeated: true },
  ],
};

export const ListRoomsRequest: MessageDef = {
  typeName: 'livekit.ListRoomsRequest',
  fields: [{ no: 1, name: 'names', json: 'names', kind: 'scalar', T: 'string', repeated: true }],
};

export const ListRoomsResponse: MessageDef = {
  typeName: 'livekit.ListRoomsResponse',
  fields: [{ no: 1, name: 'rooms', json: 'rooms', kind: 'message', T: () => Room, repeated: true }],
};

export const DeleteRoomRequest: MessageDef = {
  typeName: 'livekit.DeleteRoomRequest',
  fields: [{ no: 1, name: 'room', json: 'room', kind: 'scalar', T: 'string' }],
};

export const Empty = (typeName: string): MessageDef => ({ typeName, fields: [] });

export const ListParticipantsRequest: MessageDef = {
  typeName: 'livekit.ListParticipantsRequest',
  fields: [{ no: 1, name: 'room', json: 'room', kind: 'scalar', T: 'string' }],
};

export const ListParticipantsResponse: MessageDef = {
  typeName: 'livekit.ListParticipantsResponse',
  fields: [{ no: 1, name: 'participants', json: 'participants', kind: 'message', T: () => ParticipantInfo, repeated: true }],
};

export const RoomParticipantIdentity: MessageDef = {
  typeName: 'livekit.RoomParticipantIdentity',
  fields: [
    { no: 1, name: 'room', json: 'room', kind: 'scalar', T: 'string' },
    { no: 2, name: 'identity', json: 'identity', kind: 'scalar', T: 'string' },
    { no: 3, name: 'revoke_token_ts', json: 'revokeTokenTs', kind: 'scalar', T: 'int64' },
  ],
};

export const UpdateParticipantRequest: MessageDef = {
  typeName: 'livekit.UpdateParticipantRequest',
  fields: [
    { no: 1, name: 'room', json: 'room', kind: 'scalar', T: 'string' },
    { no: 2, name: 'identity', json: 'identity', kind: 'scalar', T: 'string' },
    { no: 3, name: 'metadata', json: 'metadata', kind: 'scalar', T: 'string' },
    { no: 4, name: 'permission', json: 'permission', kind: 'message', T: () => ParticipantPermission },
    { no: 5, name: 'name', json: 'name', kind: 'scalar', T: 'string' },
    { no: 6, name: 'attributes', json: 'attributes', kind: 'map', V: 'string' },
  ],
};

export const UpdateRoomMetadataRequest: MessageDef = {
  typeName: 'livekit.UpdateRoomMetadataRequest',
  fields: [
    { no: 1, name: 'room', json: 'room', kind: 'scalar', T: 'string' },
    { no: 2, name: 'metadata', json: 'metadata', kind: 'scalar', T: 'string' },
  ],
};

// --- Egress -----------------------------------------------------------------------------------

export const StopEgressRequest: MessageDef = {
  typeName: 'livekit.StopEgressRequest',
  fields: [{ no: 1, name: 'egress_id', json: 'egressId', kind: 'scalar', T: 'string' }],
};

export const ListEgressRequest: MessageDef = {
  typeName: 'livekit.ListEgressRequest',
  fields: [
    { no: 1, name: 'room_name', json: 'roomName', kind: 'scalar', T: 'string' },
    { no: 2, name: 'egress_id', json: 'egressId', kind: 'scalar', T: 'string' },
    { no: 3, name: 'active', json: 'active', kind: 'scalar', T: 'bool' },
    { no: 4, name: 'page_token', json: 'pageToken', kind: 'message', T: () => TokenPagination },
  ],
};

export const ListEgressResponse: MessageDef = {
  typeName: 'livekit.ListEgressResponse',
  fields: [
    { no: 1, name: 'items', json: 'items', kind: 'message', T: () => EgressInfo, repeated: true },
    { no: 2, name: 'next_page_token', json: 'nextPageToken', kind: 'message', T: () => TokenPagination },
  ],
};

// --- Webhooks ---------------------------------------------------------------------------------

export const WebhookEvent: MessageDef = {
  typeName: 'livekit.WebhookEvent',
  fields: [
    { no: 1, name: 'event', json: 'event', kind: 'scalar', T: 'string' },
    { no: 2, name: 'room', json: 'room', kind: 'message', T: () => Room },
    { no: 3, name: 'participant', json: 'participant', kind: 'message', T: () => ParticipantInfo },
    { no: 9, name: 'egress_info', json: 'egressInfo', kind: 'message', T: () => EgressInfo },
    { no: 10, name: 'ingress_info', json: 'ingressInfo', kind: 'opaque', typeName: 'livekit.IngressInfo' },
    { no: 8, name: 'track', json: 'track', kind: 'opaque', typeName: 'livekit.TrackInfo' },
    { no: 12, name: 'job', json: 'job', kind: 'opaque', typeName: 'livekit.Job' },
    { no: 6, name: 'id', json: 'id', kind: 'scalar', T: 'string' },
    { no: 7, name: 'created_at', json: 'createdAt', kind: 'scalar', T: 'int64' },
    { no: 11, name: 'num_dropped', json: 'numDropped', kind: 'scalar', T: 'int32' },
    { no: 13, name: 'room_end_reason', json: 'roomEndReason', kind: 'enum', T: RoomEndReason },
  ],
};
