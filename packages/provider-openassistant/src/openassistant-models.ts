/** Every `model_config_name` the Open Assistant inference server knows (protocol §4); case-sensitive. */
export const openAssistantModels = [
  '_lorem',
  'distilgpt2',
  'OA_SFT_Pythia_12B',
  'OA_SFT_Pythia_12Bq',
  'OA_SFT_Pythia_12B_4',
  'OA_SFT_Pythia_12Bq_4',
  'OA_SFT_Llama_7B',
  'OA_SFT_Llama_13B',
  'OA_SFT_Llama_13Bq',
  'OA_SFT_Llama_30B',
  'OA_SFT_Llama_30Bq',
  'OA_SFT_Llama_30B_2',
  'OA_SFT_Llama_30Bq_2',
  'OA_SFT_Llama_30B_5',
  'OA_SFT_Llama_30Bq_5',
  'OA_SFT_Llama_30B_6',
  'OA_SFT_Llama_30Bq_6',
  'OA_SFT_Llama_30B_7',
  'OA_SFT_Llama_30Bq_7',
  'OA_SFT_Llama_30B_7e3',
  'OA_RLHF_Llama_30B_2_7k',
  'Carper_RLHF_13B_1',
  'Carper_RLHF_13Bq_1',
  'OA_SFT_Llama2_70B_10',
  'OA_SFT_CodeLlama_13B_10',
] as const;

/** gpt4free's default. */
export const openAssistantDefaultModel = 'OA_SFT_Llama_30B_6';
